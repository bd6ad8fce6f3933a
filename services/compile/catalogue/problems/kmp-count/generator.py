"""Writes the hidden tests of kmp-count (deterministic)."""
import os
import random

random.seed(1786)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
N = 500000


def rnd(n, alphabet="ab"):
    return "".join(random.choice(alphabet) for _ in range(n))


fib = ["b", "a"]
while len(fib[-1]) < N:
    fib.append(fib[-1] + fib[-2])
tests = [
    ("a", "a"),
    ("a", "b"),
    ("aaaaa", "aa"),
    ("abcabcabc", "abcabcabc"),
    (rnd(1000), rnd(3)),
    ("a" * N, "a" * 5000),
    ("a" * 100000, "a" * 3000 + "b"),
    (("ab" * N)[:100000], "ab" * 2000 + "a"),
    (rnd(N), rnd(12)),
    (fib[-1][:200000], fib[-8]),
    (rnd(100000, "abcdefghijklmnopqrstuvwxyz"), "z"),
    ("a" * 100000, "a" * 100000),
]
for i, (t, p) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write(t + "\n" + p + "\n")
