"""Writes the hidden tests of rotate-matrix (deterministic)."""
import os
import random

random.seed(90)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def rnd(n, m, hi=999):
    return [[random.randint(0, hi) for _ in range(m)] for _ in range(n)]


tests = [
    [[7]],
    [[1, 2, 3, 4, 5]],
    [[1], [2], [3], [4]],
    [[1, 2], [3, 4]],
    rnd(5, 7, 9),
    rnd(10, 3),
    [[i * 17 % 1000 for i in range(r * 300, r * 300 + 300)] for r in range(100)],
    rnd(300, 300),
    rnd(1, 300),
    rnd(300, 1),
    rnd(123, 99),
    [[0] * 300 for _ in range(20)],
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(t), len(t[0])))
        f.write("".join(" ".join(map(str, row)) + "\n" for row in t))
