import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    dp = [0] * (k + 1)  # dp[c] = best value with total weight <= c
    for i in range(n):
        w, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        if w > k:
            continue
        # zip reads the old dp, so every item is used at most once
        dp[w:] = [max(a, b + v) for a, b in zip(dp[w:], dp)]
    print(dp[k])


main()
