"""Writes the hidden tests of prime-count (deterministic)."""
import os
import random

random.seed(7)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
M = 10 ** 6
tests = [
    [1],
    [2],
    [3, 4, 5, 6, 7, 8, 9],
    [M],
    [999983, 999982, 999979],
    list(range(1, 1001)),
    [random.randint(1, M) for _ in range(1000)],
    [random.randint(1, M) for _ in range(50000)],
    [random.randint(M - 1000, M) for _ in range(10000)],
    [random.choice([1, 2, M, M - 1, 999983]) for _ in range(10000)],
    [random.randint(1, 100) for _ in range(10000)],
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % len(t))
        f.write("".join("%d\n" % x for x in t))
