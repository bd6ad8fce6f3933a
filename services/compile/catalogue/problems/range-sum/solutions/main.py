import sys
from itertools import accumulate


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    prefix = [0] + list(accumulate(map(int, data[2:2 + n])))
    starts = map(int, data[2 + n::2])
    ends = map(int, data[3 + n::2])
    out = [prefix[j] - prefix[i - 1] for i, j in zip(starts, ends)]
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
