"""Writes the hidden tests of shortest-subarray (deterministic)."""
import os
import random

random.seed(1806)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def rnd(n, hi=10000):
    return [random.randint(1, hi) for _ in range(n)]


big = rnd(100000, 10)
tests = [
    ([1], 1),
    ([1], 2),
    ([10000], 10000),
    ([1, 1, 1, 1, 5], 5),
    ([3, 3, 3], 9),
    ([3, 3, 3], 10),
    (rnd(1000, 100), 5000),
    (big, sum(big)),
    (big, sum(big) + 1),
    (rnd(100000, 10), 300000),
    ([1] * 50000 + [10000] + [1] * 49999, 50000),
    (rnd(50000), 10 ** 9),
]
for i, (a, s) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n%s\n" % (len(a), s, " ".join(map(str, a))))
