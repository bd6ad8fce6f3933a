import sys

# Too slow: adds up every cell of the rectangle for every question.
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
vals = [int(x) for x in data[2:2 + n * n]]
t = [vals[r * n:(r + 1) * n] for r in range(n)]
pos = 2 + n * n
out = []
for _ in range(m):
    x1, y1, x2, y2 = map(int, data[pos:pos + 4])
    pos += 4
    total = 0
    for r in range(x1 - 1, x2):
        for c in range(y1 - 1, y2):
            total += t[r][c]
    out.append(total)
print("\n".join(map(str, out)))
