"""Writes the hidden tests of submatrix-sum (deterministic)."""
import os
import random

random.seed(11660)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def table(n, hi=99):
    return [[random.randint(0, hi) for _ in range(n)] for _ in range(n)]


def rq(n, m):
    out = []
    for _ in range(m):
        a, b = sorted((random.randint(1, n), random.randint(1, n)))
        c, d = sorted((random.randint(1, n), random.randint(1, n)))
        out.append((a, c, b, d))
    return out


tests = [
    ([[0]], [(1, 1, 1, 1)]),
    ([[99]], [(1, 1, 1, 1)] * 3),
    (table(3), [(a, b, c, d) for a in range(1, 4) for c in range(a, 4)
                for b in range(1, 4) for d in range(b, 4)]),
    (table(10, 9), rq(10, 500)),
    (table(100), rq(100, 5000)),
    (table(500), rq(500, 30000)),
    ([[99] * 300 for _ in range(300)], [(1, 1, 300, 300)] * 5000),
    (table(150), [(1, 1, 150, 150)] * 5000),
    (table(200), [(i, i, i, i) for i in range(1, 201)] * 20),
    (table(200, 1), [(1, 1, 200, 200), (100, 1, 100, 200), (1, 100, 200, 100)]),
    (table(50), [(1, j, 50, j) for j in range(1, 51)] + [(j, 1, j, 50) for j in range(1, 51)]),
]
for i, (t, qs) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(t), len(qs)))
        f.write("".join(" ".join(map(str, row)) + "\n" for row in t))
        f.write("".join("%d %d %d %d\n" % q for q in qs))
