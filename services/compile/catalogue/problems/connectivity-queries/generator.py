"""Writes the hidden tests of connectivity-queries (deterministic)."""
import os
import random

random.seed(1717)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def rnd(n, m, p_union):
    return [(0 if random.random() < p_union else 1,
             random.randint(0, n), random.randint(0, n)) for _ in range(m)]


def chain(n, m, forward):
    """Unions that build a long chain, then queries on its far ends."""
    ops = [(0, i, i + 1) if forward else (0, i + 1, i) for i in range(n)]
    while len(ops) < m:
        ops.append((1, 0, random.choice([n, n - 1, 0])))
    return ops


tests = [
    (1, [(1, 0, 1)]),
    (1, [(0, 0, 1), (1, 1, 0)]),
    (5, [(0, 1, 1), (1, 1, 1), (1, 2, 2), (1, 1, 2)]),
    (10, rnd(10, 100, 0.3)),
    (1000, rnd(1000, 5000, 0.5)),
    (30000, chain(30000, 45000, True)),
    (10000, chain(10000, 15000, False)),
    (100000, rnd(100000, 40000, 0.6)),
    (50000, [(0, 0, i) for i in range(1, 10001)] + rnd(50000, 5000, 0)),
    (100000, rnd(100000, 10000, 0.1)),
    (20000, [(0, i, i + 1) for i in range(0, 20000, 2)]
     + [(0, i, i + 2) for i in range(0, 19998, 2)] + rnd(20000, 10000, 0)),
]
for i, (n, ops) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (n, len(ops)))
        f.write("".join("%d %d %d\n" % op for op in ops))
