import sys

# Too slow: adds up the range for every question, O(N * M).
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
out = []
for k in range(m):
    i = int(data[2 + n + 2 * k])
    j = int(data[3 + n + 2 * k])
    total = 0
    for t in range(i - 1, j):
        total += a[t]
    out.append(total)
print("\n".join(map(str, out)))
