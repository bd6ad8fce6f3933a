import sys

# Too slow: find walks the whole chain every time (no path compression,
# no union by size), so a long chain costs O(n) per query.
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
parent = list(range(n + 1))


def find(x):
    while parent[x] != x:
        x = parent[x]
    return x


out = []
for i in range(2, 2 + 3 * m, 3):
    a, b = find(int(data[i + 1])), find(int(data[i + 2]))
    if data[i] == b"0":
        parent[a] = b
    else:
        out.append("YES" if a == b else "NO")
print("\n".join(out))
