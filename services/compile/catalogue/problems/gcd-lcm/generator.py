"""Writes the hidden tests of gcd-lcm (deterministic)."""
import os
import random

random.seed(2024)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
L = 10 ** 9
PRIMES = [999999937, 999999929, 999999893, 999999883, 998244353, 1000000007 - 8]


def write(i, pairs):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % len(pairs))
        f.write("".join("%d %d\n" % p for p in pairs))


tests = [
    [(1, 1)],
    [(L, L)],
    [(1, L)],
    [(999999937, 999999929)],
    [(65536, 65536 * 3), (46341, 46340), (2 ** 29, 3 ** 18)],
    [(random.randint(1, 1000), random.randint(1, 1000)) for _ in range(100)],
]
g = [random.randint(1, 1000) for _ in range(2000)]
tests.append([(x * random.randint(1, 10 ** 6), x * random.randint(1, 10 ** 6))
              for x in g])
tests.append([(random.randint(1, L), random.randint(1, L))
              for _ in range(20000)])
tests.append([(random.choice(PRIMES), random.choice(PRIMES))
              for _ in range(3000)])
tests.append([(random.randint(L - 1000, L), random.randint(L - 1000, L))
              for _ in range(3000)])
tests.append([(random.randint(1, 50) * 2 ** 20, 3 ** random.randint(10, 18))
              for _ in range(5000)])
tests.append([(a, b) for a in range(1, 101) for b in range(1, 101)])
for i, t in enumerate(tests, 1):
    write(i, t)
