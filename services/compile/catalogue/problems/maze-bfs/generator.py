"""Writes the hidden tests of maze-bfs (deterministic)."""
import os
import random

random.seed(2178)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def rnd(n, m, p):
    g = [["#" if random.random() < p else "." for _ in range(m)]
         for _ in range(n)]
    g[0][0] = g[-1][-1] = "."
    return ["".join(r) for r in g]


def snake(n, m):
    """Walls leave a single winding corridor: a very long shortest path."""
    g = [["."] * m for _ in range(n)]
    for r in range(1, n - 1, 2):
        for c in range(m):
            g[r][c] = "#"
        g[r][m - 1 if (r // 2) % 2 == 0 else 0] = "."
    return ["".join(r) for r in g]


def perfect(n, m):
    """A random spanning-tree maze on odd cells (iterative DFS)."""
    g = [["#"] * m for _ in range(n)]
    stack = [(0, 0)]
    g[0][0] = "."
    while stack:
        r, c = stack[-1]
        nxt = [(r + dr, c + dc, dr, dc) for dr, dc in
               ((0, 2), (2, 0), (0, -2), (-2, 0))
               if 0 <= r + dr < n and 0 <= c + dc < m and g[r + dr][c + dc] == "#"]
        if not nxt:
            stack.pop()
            continue
        nr, nc, dr, dc = random.choice(nxt)
        g[r + dr // 2][c + dc // 2] = "."
        g[nr][nc] = "."
        stack.append((nr, nc))
    g[n - 1][m - 1] = "."
    if g[n - 2][m - 1] == "#" and g[n - 1][m - 2] == "#":
        g[n - 2][m - 1] = "."
    return ["".join(r) for r in g]


tests = [
    ["."],
    ["..", ".."],
    [".#", "#."],
    ["." * 500],
    ["."] * 500,
    ["." * 8] * 8,
    rnd(30, 30, 0.3),
    snake(499, 500),
    perfect(499, 499),
    rnd(500, 500, 0.25),
    rnd(500, 500, 0.45),
    ["." * 500] * 500,
]
for i, g in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(g), len(g[0])))
        f.write("".join(row + "\n" for row in g))
