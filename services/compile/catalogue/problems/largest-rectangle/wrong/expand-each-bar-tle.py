import sys

# Too slow: for every bar, walks left and right while the bars are tall enough.
data = sys.stdin.buffer.read().split()
n = int(data[0])
h = [int(v) for v in data[1:1 + n]]
best = 0
for i in range(n):
    lo = i
    while lo > 0 and h[lo - 1] >= h[i]:
        lo -= 1
    hi = i
    while hi + 1 < n and h[hi + 1] >= h[i]:
        hi += 1
    best = max(best, h[i] * (hi - lo + 1))
print(best)
