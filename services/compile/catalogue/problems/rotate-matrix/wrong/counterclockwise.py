import sys

# Wrong: rotates counterclockwise (last column first, rows top to bottom).
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
a = [data[2 + r * m:2 + (r + 1) * m] for r in range(n)]
out = []
for c in range(m - 1, -1, -1):
    out.append(b" ".join(a[r][c] for r in range(n)))
sys.stdout.buffer.write(b"\n".join(out) + b"\n")
