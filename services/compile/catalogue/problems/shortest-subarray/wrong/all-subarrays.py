import sys

# Too slow: tries every starting point, O(N^2) in the worst case.
data = sys.stdin.buffer.read().split()
n, s = int(data[0]), int(data[1])
a = [int(v) for v in data[2:2 + n]]
best = 0
for i in range(n):
    total = 0
    for j in range(i, n):
        total += a[j]
        if total >= s:
            if best == 0 or j - i + 1 < best:
                best = j - i + 1
            break
print(best)
