"""Writes the hidden tests of word-frequency (deterministic)."""
import os
import random
import string

random.seed(404)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


def word(lo=1, hi=10, alphabet=string.ascii_lowercase):
    return "".join(random.choice(alphabet) for _ in range(random.randint(lo, hi)))


def lines(words, per_line=12):
    return "".join(" ".join(words[i:i + per_line]) + "\n"
                   for i in range(0, len(words), per_line))


vocab = [word() for _ in range(500)]
zipf = [random.choice(vocab[:random.randint(1, 500)]) for _ in range(50000)]
tests = [
    ["a"],
    ["zz", "z", "zzz", "z"],
    ["b", "a", "c", "a", "b", "c"],
    ["abcdefghij"] * 10 + ["abcdefghi"] * 10,
    [word(1, 2, "ab") for _ in range(200)],
    [word() for _ in range(5000)],
    zipf,
    [word(5, 10) for _ in range(50000)],
    [word(1, 3, "abc") for _ in range(100000)],
    ["%s%s" % (random.choice("xyz"), word(3, 3, "pq")) for _ in range(20000)],
    [word(6, 10) for _ in range(10000)] * 2,
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % len(t))
        f.write(lines(t, random.randint(1, 20)))
