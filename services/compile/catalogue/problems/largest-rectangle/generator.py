"""Writes the hidden tests of largest-rectangle (deterministic)."""
import os
import random

random.seed(6549)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
L = 10 ** 9

tests = [
    [0],
    [L],
    [0, 0, 0],
    [L, L, L],
    [1, 2, 3, 4, 5],
    [5, 4, 3, 2, 1],
    [random.randint(0, 10) for _ in range(1000)],
    list(range(1, 100001)),
    [random.randint(0, L) for _ in range(40000)],
    [7] * 50000 + [0] + [7] * 49999,
    [random.randint(0, 1000) for _ in range(30000)],
    [abs(15000 - i) for i in range(30000)],
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n%s\n" % (len(t), " ".join(map(str, t))))
