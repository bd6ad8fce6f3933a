"""Writes the hidden tests of coin-change-greedy (deterministic)."""
import os
import random

random.seed(11047)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
WON = [1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 50000]


def chain(n):
    coins = [1]
    while len(coins) < n:
        nxt = coins[-1] * random.randint(2, 9)
        if nxt > 10 ** 9:
            break
        coins.append(nxt)
    return coins


tests = [
    ([1], 1),
    ([1], 10 ** 9),
    ([1, 2], 10 ** 9 - 1),
    (WON, 1),
    (WON, 10 ** 9),
    (WON, 49999),
    ([1, 3, 9, 27, 81, 243, 729, 2187, 6561, 19683], 10 ** 9),
    ([1, 10 ** 9], 10 ** 9 - 1),
    ([1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 10 ** 9],
     987654321),
    (chain(10), random.randint(1, 10 ** 9)),
    (chain(6), random.randint(1, 10 ** 9)),
    ([1, 2, 4, 8, 16, 32, 64, 128, 256, 512], 777777777),
]
for i, (coins, k) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (len(coins), k))
        f.write("".join("%d\n" % c for c in coins))
