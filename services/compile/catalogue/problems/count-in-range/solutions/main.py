import sys
from bisect import bisect_left, bisect_right


def main():
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    a = sorted(map(int, data[2:2 + n]))
    ls = map(int, data[2 + n::2])
    rs = map(int, data[3 + n::2])
    out = [bisect_right(a, r) - bisect_left(a, l) for l, r in zip(ls, rs)]
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
