"""Writes the hidden tests of lis (deterministic)."""
import os
import random

random.seed(12015)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
M = 10 ** 6

tests = [
    [1],
    [2, 1],
    [1, 2],
    [5, 1, 2, 5, 3, 4],
    [random.randint(1, 5) for _ in range(100)],
    list(range(1, 30001)),
    [M - i for i in range(30000)],
    [random.randint(1, M) for _ in range(100000)],
    [i // 3 + 1 for i in range(30000)],
    [random.randint(1, 100) for _ in range(30000)],
    [(i % 1000) * 1000 + i // 1000 + 1 for i in range(30000)],
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n%s\n" % (len(t), " ".join(map(str, t))))
