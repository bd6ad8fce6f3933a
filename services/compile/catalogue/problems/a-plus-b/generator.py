"""Writes the hidden tests of a-plus-b (deterministic)."""
import os
import random

random.seed(1000)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
L = 10 ** 9
cases = [
    (0, 0),
    (L, L),
    (-L, -L),
    (L, -L),
    (999999999, 999999999),
    (-1000000000, -999999999),
    (123456789, 987654321),
    (-1, 1),
]
while len(cases) < 12:
    cases.append((random.randint(-L, L), random.randint(-L, L)))
for i, (a, b) in enumerate(cases, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (a, b))
