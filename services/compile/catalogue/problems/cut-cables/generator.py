"""Writes the hidden tests of cut-cables (deterministic)."""
import os
import random

random.seed(1654)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
BIG = 2 ** 31 - 1

tests = [
    ([1], 1),
    ([BIG], 1),
    ([BIG], 10 ** 6),
    ([BIG, BIG, BIG], 3),
    ([1] * 5 + [BIG], 6),
    ([5, 5, 5], 4),
    ([random.randint(1, 1000) for _ in range(1000)], 20000),
    ([random.randint(1, BIG) for _ in range(10000)], 10 ** 6),
    ([random.randint(BIG - 1000, BIG) for _ in range(10000)], 10000),
    ([random.randint(1, 100) for _ in range(10000)], 10 ** 6 // 2),
    ([random.randint(10 ** 6, 10 ** 9) for _ in range(5000)], 999983),
    ([BIG - i for i in range(10000)], 10 ** 6),
]
for i, (a, n) in enumerate(tests, 1):
    assert sum(a) >= n and len(a) <= n
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(a), n))
        f.write("".join("%d\n" % x for x in a))
