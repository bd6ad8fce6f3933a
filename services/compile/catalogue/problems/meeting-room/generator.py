"""Writes the hidden tests of meeting-room (deterministic)."""
import os
import random

random.seed(1931)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
L = 10 ** 9


def rnd(n, span, maxlen):
    out = []
    for _ in range(n):
        s = random.randint(0, span)
        out.append((s, min(L, s + random.randint(0, maxlen))))
    return out


tests = [
    [(0, 0)],
    [(5, 5), (5, 5), (5, 5)],
    [(0, L), (1, 2), (2, 3)],
    [(1, 10), (2, 3), (4, 5), (6, 7)],
    [(3, 3), (1, 3), (2, 3)],
    [(0, 5), (4, 6), (6, 10), (5, 7), (7, 8), (8, 8)],
    rnd(1000, 10000, 100),
    rnd(50000, L, 10 ** 5),
    rnd(20000, 1000, 5),
    [(i, i + 2) for i in range(0, 20000)],
    [(0, L)] * 10000 + [(i, i) for i in range(10000)],
    rnd(20000, 100, 100),
]
for t in tests:
    random.shuffle(t)
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % len(t))
        f.write("".join("%d %d\n" % p for p in t))
