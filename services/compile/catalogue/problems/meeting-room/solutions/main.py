import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    starts = map(int, data[1:2 * n + 1:2])
    ends = map(int, data[2:2 * n + 2:2])
    # earliest end first; among equal ends, earliest start first
    meetings = sorted(zip(ends, starts))
    count = 0
    last_end = -1
    for e, s in meetings:
        if s >= last_end:
            count += 1
            last_end = e
    print(count)


main()
