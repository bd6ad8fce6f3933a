import sys

# Too slow: bubble sort is O(N^2).
data = sys.stdin.buffer.read().split()
n = int(data[0])
p = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
for i in range(n):
    for j in range(n - 1 - i):
        if p[j] > p[j + 1]:
            p[j], p[j + 1] = p[j + 1], p[j]
print("\n".join("%d %d" % q for q in p))
