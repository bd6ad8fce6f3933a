import sys

# Too slow: tries every simple path with backtracking (exponential).
sys.setrecursionlimit(1000000)
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
grid = [row.decode() for row in data[2:2 + n]]
seen = [[False] * m for _ in range(n)]
best = [-1]


def go(r, c, length):
    if (r, c) == (n - 1, m - 1):
        if best[0] == -1 or length < best[0]:
            best[0] = length
        return
    seen[r][c] = True
    for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
        if 0 <= nr < n and 0 <= nc < m and grid[nr][nc] == "." and not seen[nr][nc]:
            go(nr, nc, length + 1)
    seen[r][c] = False


go(0, 0, 1)
print(best[0])
