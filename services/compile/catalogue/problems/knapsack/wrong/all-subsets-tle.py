import sys

# Too slow: tries all 2^N subsets of items (with a little pruning).
sys.setrecursionlimit(10000)
data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
items = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
best = 0


def go(i, cap, value):
    global best
    if i == n:
        best = max(best, value)
        return
    w, v = items[i]
    if w <= cap:
        go(i + 1, cap - w, value + v)
    go(i + 1, cap, value)


go(0, k, 0)
print(best)
