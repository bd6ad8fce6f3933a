"""Writes the hidden tests of next-greater (deterministic)."""
import os
import random

random.seed(17298)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
M = 10 ** 6

tests = [
    [1],
    [1, 1],
    [1, 2],
    [2, 1],
    [5, 5, 5, 6],
    [random.randint(1, 10) for _ in range(100)],
    [random.randint(1, M) for _ in range(20000)],
    list(range(M, M - 100000, -1)),
    [M - i // 2 for i in range(20000)] + [M],
    list(range(1, 20001)),
    [random.randint(1, 3) for _ in range(20000)],
    [M - i for i in range(10000)] + [1] * 5000,
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n%s\n" % (len(t), " ".join(map(str, t))))
