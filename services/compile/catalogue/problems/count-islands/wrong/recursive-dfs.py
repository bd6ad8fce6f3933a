import sys

# Crashes: a recursive DFS exceeds Python's default recursion limit (1000)
# on a large island, raising RecursionError.
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
grid = [list(row.decode()) for row in data[2:2 + n]]


def dfs(r, c):
    grid[r][c] = "."
    for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
        if 0 <= nr < n and 0 <= nc < m and grid[nr][nc] == "#":
            dfs(nr, nc)


islands = 0
for i in range(n):
    for j in range(m):
        if grid[i][j] == "#":
            islands += 1
            dfs(i, j)
print(islands)
