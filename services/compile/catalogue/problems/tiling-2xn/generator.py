"""Writes the hidden tests of tiling-2xn (deterministic)."""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
for i, n in enumerate([1, 3, 4, 20, 21, 45, 100, 500, 777, 999, 1000], 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % n)
