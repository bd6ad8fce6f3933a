import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    xs = [int(v) for v in data[1:2 * n + 1:2]]
    ys = [int(v) for v in data[2:2 * n + 2:2]]
    s = 0
    for i in range(n):
        j = (i + 1) % n
        s += xs[i] * ys[j] - xs[j] * ys[i]
    s = abs(s)
    print("%d.%d" % (s // 2, 5 * (s % 2)))


main()
