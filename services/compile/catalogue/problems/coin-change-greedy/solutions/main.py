import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    coins = [int(x) for x in data[2:2 + n]]
    count = 0
    for c in reversed(coins):
        count += k // c
        k %= c
    print(count)


main()
