import sys

# Too slow: the recursion recomputes the same values exponentially often.
sys.setrecursionlimit(10000)


def ways(n):
    if n <= 1:
        return 1
    return (ways(n - 1) + ways(n - 2)) % 10007


print(ways(int(sys.stdin.readline())))
