import sys

# Wrong: forgets the absolute value, so clockwise input gives a negative area.
data = sys.stdin.buffer.read().split()
n = int(data[0])
xs = [int(v) for v in data[1:2 * n + 1:2]]
ys = [int(v) for v in data[2:2 * n + 2:2]]
s = 0
for i in range(n):
    j = (i + 1) % n
    s += xs[i] * ys[j] - xs[j] * ys[i]
print("%.1f" % (s / 2))
