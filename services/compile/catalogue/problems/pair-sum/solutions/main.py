import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = sorted(map(int, data[1:1 + n]))
    x = int(data[1 + n])
    lo, hi = 0, n - 1
    count = 0
    while lo < hi:
        s = a[lo] + a[hi]
        if s == x:
            count += 1
            lo += 1
            hi -= 1
        elif s < x:
            lo += 1
        else:
            hi -= 1
    print(count)


main()
