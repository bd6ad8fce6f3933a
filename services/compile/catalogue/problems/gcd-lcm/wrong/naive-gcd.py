import sys

# Too slow: tries every divisor from min(a, b) downwards.
data = sys.stdin.buffer.read().split()
t = int(data[0])
out = []
for i in range(t):
    a = int(data[1 + 2 * i])
    b = int(data[2 + 2 * i])
    g = min(a, b)
    while a % g or b % g:
        g -= 1
    out.append("%d %d" % (g, a // g * b))
print("\n".join(out))
