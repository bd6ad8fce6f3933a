"""Writes the hidden tests of count-islands (deterministic)."""
import os
import random

random.seed(4963)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def rnd(n, m, p):
    return ["".join("#" if random.random() < p else "." for _ in range(m))
            for _ in range(n)]


def snake(n, m):
    """One island shaped like a long corridor (deep DFS recursion)."""
    g = [["#"] * m for _ in range(n)]
    for r in range(1, n - 1, 2):
        for c in range(m):
            g[r][c] = "."
        g[r][m - 1 if (r // 2) % 2 == 0 else 0] = "#"
    return ["".join(r) for r in g]


tests = [
    ["."],
    ["#"],
    ["#.#.#.#"],
    ["#", ".", "#", "#"],
    [".#.", "#.#", ".#."],
    ["#" * 500] * 500,
    snake(499, 500),
    ["".join("#" if (r + c) % 2 == 0 else "." for c in range(500))
     for r in range(500)],
    rnd(500, 500, 0.5),
    rnd(500, 500, 0.3),
    rnd(100, 100, 0.6),
    ["." * 500] * 500,
]
for i, g in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(g), len(g[0])))
        f.write("".join(row + "\n" for row in g))
