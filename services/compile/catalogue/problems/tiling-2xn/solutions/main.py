import sys

n = int(sys.stdin.readline())
# ways(n) = ways(n - 1) + ways(n - 2): the last column is one vertical
# tile, or the last two columns are two horizontal tiles.
a, b = 1, 1  # ways(0), ways(1)
for _ in range(n - 1):
    a, b = b, (a + b) % 10007
print(b)
