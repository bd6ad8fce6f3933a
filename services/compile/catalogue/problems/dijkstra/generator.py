"""Writes the hidden tests of dijkstra (deterministic)."""
import os
import random

random.seed(1753)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
W = 100000


def rnd(v, e, wmax=W):
    return [(random.randint(1, v), random.randint(1, v), random.randint(1, wmax))
            for _ in range(e)]


def chain(v, w):
    """A path 1 -> 2 -> ... -> v plus heavier shortcuts."""
    edges = [(i, i + 1, w) for i in range(1, v)]
    for _ in range(v // 10):
        a = random.randint(1, v - 1)
        b = random.randint(a + 1, v)
        edges.append((a, b, W))
    return edges


def trap(v):
    """Few hops but heavy vs. many hops but light: BFS picks the wrong one."""
    edges = [(1, v, W)]
    edges += [(i, i + 1, 1) for i in range(1, v)]
    return edges


tests = [
    (1, 1, [(1, 1, 5)]),
    (2, 1, [(2, 1, 7)]),
    (3, 1, [(1, 2, 1), (1, 2, 9), (2, 3, 4), (1, 3, 6)]),
    (5, 2, trap(5)),
    (100, 1, rnd(100, 300, 10)),
    (20000, 1, chain(20000, W)),
    (20000, 1, rnd(20000, 40000)),
    (20000, 7, rnd(20000, 20000, 10)),
    (20000, 1, trap(20000) + rnd(20000, 5000)),
    (10000, 5000, rnd(10000, 10000)),
    (20000, 20000, [(v, v - 1, W) for v in range(20000, 1, -1)]),
    (500, 1, [(a, b, random.randint(1, W)) for a in range(1, 501)
              for b in random.sample(range(1, 501), 20)]),
]
for i, (v, k, edges) in enumerate(tests, 1):
    random.shuffle(edges)
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n%d\n" % (v, len(edges), k))
        f.write("".join("%d %d %d\n" % e for e in edges))
