"""Writes the hidden tests of range-sum (deterministic)."""
import os
import random

random.seed(11659)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def rq(n, m):
    out = []
    for _ in range(m):
        i, j = random.randint(1, n), random.randint(1, n)
        out.append((min(i, j), max(i, j)))
    return out


def rnd(n):
    return [random.randint(1, 1000) for _ in range(n)]


tests = [
    ([1], [(1, 1)]),
    ([1000], [(1, 1), (1, 1)]),
    ([1, 2, 3, 4], [(1, 4), (1, 1), (4, 4), (2, 3)]),
    (rnd(10), [(i, j) for i in range(1, 11) for j in range(i, 11)]),
    (rnd(1000), rq(1000, 1000)),
    (rnd(100000), rq(100000, 60000)),
    ([1000] * 20000, [(1, 20000)] * 5000),
    (rnd(20000), [(1, 20000 - i) for i in range(5000)]),
    (rnd(10000), [(i, i) for i in range(1, 5001)]),
    ([1] * 20000, rq(20000, 5000)),
    (rnd(2), [(1, 2), (2, 2), (1, 1)]),
]
for i, (a, qs) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(a), len(qs)))
        f.write(" ".join(map(str, a)) + "\n")
        f.write("".join("%d %d\n" % q for q in qs))
