import sys

# Too slow: tests every number up to N by trial division, for every query.
data = sys.stdin.buffer.read().split()
out = []
for x in data[1:]:
    n = int(x)
    cnt = 0
    for k in range(2, n + 1):
        d = 2
        while d * d <= k and k % d:
            d += 1
        if d * d > k:
            cnt += 1
    out.append(str(cnt))
print("\n".join(out))
