"""Writes the hidden tests of sort-points (deterministic)."""
import os
import random

random.seed(11650)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
M = 100000


def rnd(n, lo=-M, hi=M):
    return [(random.randint(lo, hi), random.randint(lo, hi)) for _ in range(n)]


tests = [
    [(0, 0)],
    [(M, M), (-M, -M)],
    [(5, 3), (5, 2), (5, 1), (5, 0)],
    [(3, 1), (2, 1), (1, 1)],
    rnd(100, -3, 3),
    rnd(1000),
    sorted(rnd(20000), reverse=True),
    [(random.randint(-5, 5), random.randint(-M, M)) for _ in range(10000)],
    rnd(70000),
    [(7, 7)] * 5000,
    [(-i, i) for i in range(5000)],
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % len(t))
        f.write("".join("%d %d\n" % p for p in t))
