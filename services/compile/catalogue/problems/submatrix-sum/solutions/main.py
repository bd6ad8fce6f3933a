import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    # s[i][j] = sum of the rectangle (1, 1) .. (i, j)
    s = [[0] * (n + 1)]
    for i in range(n):
        row = data[2 + i * n:2 + (i + 1) * n]
        above = s[-1]
        cur = [0] * (n + 1)
        run = 0
        for j in range(n):
            run += int(row[j])
            cur[j + 1] = above[j + 1] + run
        s.append(cur)
    q = list(map(int, data[2 + n * n:2 + n * n + 4 * m]))
    out = []
    for k in range(0, 4 * m, 4):
        x1, y1, x2, y2 = q[k], q[k + 1], q[k + 2], q[k + 3]
        out.append(s[x2][y2] - s[x1 - 1][y2] - s[x2][y1 - 1] + s[x1 - 1][y1 - 1])
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
