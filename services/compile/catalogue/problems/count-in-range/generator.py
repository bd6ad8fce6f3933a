"""Writes the hidden tests of count-in-range (deterministic)."""
import os
import random

random.seed(10816)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
M = 10 ** 6


def queries(q, lo=0, hi=M):
    out = []
    for _ in range(q):
        a, b = random.randint(lo, hi), random.randint(lo, hi)
        out.append((min(a, b), max(a, b)))
    return out


def rnd(n, lo=0, hi=M):
    return [random.randint(lo, hi) for _ in range(n)]


tests = [
    ([0], [(0, 0), (0, M), (1, M)]),
    ([M], [(M, M), (0, M - 1)]),
    ([3, 1, 2], [(1, 1), (2, 2), (3, 3), (1, 3), (0, 0), (4, M)]),
    (rnd(100, 0, 20), [(a, b) for a in range(0, 22) for b in range(a, 22)]),
    (rnd(1000), queries(1000)),
    (rnd(100000), queries(40000)),
    ([7] * 20000, [(7, 7), (0, 6), (8, M), (0, M)] * 2500),
    (rnd(20000, 0, 100), queries(20000, 0, 100)),
    (list(range(0, M, 50)), queries(10000)),
    (rnd(10000, M - 10, M), queries(10000, M - 20, M)),
    (rnd(20000), [(0, M)] * 5000),
]
for i, (a, qs) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(a), len(qs)))
        f.write(" ".join(map(str, a)) + "\n")
        f.write("".join("%d %d\n" % q for q in qs))
