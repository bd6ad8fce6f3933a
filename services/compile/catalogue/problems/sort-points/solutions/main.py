import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    xs = map(int, data[1:2 * n + 1:2])
    ys = map(int, data[2:2 * n + 2:2])
    points = sorted(zip(xs, ys))
    sys.stdout.write("".join("%d %d\n" % p for p in points))


main()
