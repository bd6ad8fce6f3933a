import sys

# Too slow: scans the whole array for every question, O(N * Q).
data = sys.stdin.buffer.read().split()
n, q = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
out = []
for i in range(q):
    l = int(data[2 + n + 2 * i])
    r = int(data[3 + n + 2 * i])
    out.append(sum(1 for x in a if l <= x <= r))
print("\n".join(map(str, out)))
