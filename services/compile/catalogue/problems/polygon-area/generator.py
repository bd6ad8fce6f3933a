"""Writes the hidden tests of polygon-area (deterministic)."""
import math
import os
import random

random.seed(31)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
M = 10 ** 6


def star(n, rmin, rmax):
    """A random star-shaped (so simple) polygon around the origin."""
    angles = sorted(random.sample(range(n * 20), n))
    pts = []
    for a in angles:
        t = 2 * math.pi * a / (n * 20)
        r = random.uniform(rmin, rmax)
        x = max(-M, min(M, round(r * math.cos(t))))
        y = max(-M, min(M, round(r * math.sin(t))))
        if not pts or pts[-1] != (x, y):
            pts.append((x, y))
    return pts


tests = [
    [(0, 0), (1, 0), (0, 1)],
    [(-M, -M), (M, -M), (M, M), (-M, M)],
    [(-M, M), (M, M), (M, -M), (-M, -M)],
    [(0, 0), (2, 0), (2, 2), (1, 1), (0, 2)],
    [(0, 0), (0, 5), (3, 5), (3, 3), (1, 3), (1, 0)],
    [(M, M), (-M, M), (-M, -M + 1), (M - 1, -M)],
    star(100, 10, 1000),
    star(1000, 1000, M // 2)[::-1],
    star(50000, M // 2, M),
    star(10000, 1, M)[::-1],
    star(5000, 900000, M),
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % len(t))
        f.write("".join("%d %d\n" % p for p in t))
