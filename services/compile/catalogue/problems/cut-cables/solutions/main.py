import sys


def main():
    data = sys.stdin.buffer.read().split()
    k, n = int(data[0]), int(data[1])
    cables = [int(x) for x in data[2:2 + k]]
    lo, hi = 1, max(cables)  # the answer lies in [lo, hi]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(c // mid for c in cables) >= n:
            lo = mid
        else:
            hi = mid - 1
    print(lo)


main()
