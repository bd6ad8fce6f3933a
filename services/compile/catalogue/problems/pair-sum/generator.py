"""Writes the hidden tests of pair-sum (deterministic)."""
import os
import random

random.seed(3273)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
M = 10 ** 6


def distinct(n, hi=M):
    return random.sample(range(1, hi + 1), n)


tests = [
    ([1], 2),
    ([1, 2], 3),
    ([5, 10], 10),
    ([1000000, 999999], 1999999),
    (list(range(1, 11)), 11),
    (distinct(1000, 2000), 2001),
    (distinct(100000), 1000001),
    (list(range(1, 20001)), 20001),
    (distinct(20000, 40000), 40001),
    (distinct(20000), 2000000),
    (list(range(2, 40001, 2)), 20001),
    (distinct(20000, 100000), 77777),
]
for i, (a, x) in enumerate(tests, 1):
    random.shuffle(a)
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n%s\n%d\n" % (len(a), " ".join(map(str, a)), x))
