"""Writes the hidden tests of knapsack (deterministic)."""
import os
import random

random.seed(12865)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def rnd(n, wmax, vmax=1000):
    return [(random.randint(1, wmax), random.randint(0, vmax)) for _ in range(n)]


tests = [
    (1, [(1, 5)]),
    (1, [(2, 5)]),
    (10, [(3, 0), (4, 0)]),
    (10, [(6, 7), (5, 5), (5, 5)]),
    (10000, [(10000, 1000)] * 100),
    (10000, rnd(100, 10000)),
    (10000, rnd(100, 300)),
    (10000, rnd(100, 200, 10)),
    (9999, [(100 + i % 7, 1000 - i) for i in range(100)]),
    (5000, [(w, w + random.randint(-3, 3) if w > 3 else w)
            for w in (random.randint(1, 500) for _ in range(100))]),
    (10000, rnd(40, 1000)),
    (1, rnd(100, 3)),
]
for i, (k, items) in enumerate(tests, 1):
    items = [(w, max(0, min(1000, v))) for w, v in items]
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(items), k))
        f.write("".join("%d %d\n" % it for it in items))
