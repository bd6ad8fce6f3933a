import sys

# Wrong: a DFS reaches the exit first along some path, not the shortest one.
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
grid = [row.decode() for row in data[2:2 + n]]
dist = [[0] * m for _ in range(n)]
dist[0][0] = 1
stack = [(0, 0)]
while stack:
    r, c = stack.pop()
    for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
        if 0 <= nr < n and 0 <= nc < m and grid[nr][nc] == "." and not dist[nr][nc]:
            dist[nr][nc] = dist[r][c] + 1
            stack.append((nr, nc))
print(dist[n - 1][m - 1] or -1)
