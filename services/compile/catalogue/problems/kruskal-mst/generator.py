"""Writes the hidden tests of kruskal-mst (deterministic)."""
import os
import random

random.seed(1197)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
C = 10 ** 6


def connected(v, e, lo=-C, hi=C):
    """A random spanning tree plus random extra edges."""
    order = list(range(1, v + 1))
    random.shuffle(order)
    edges = [(order[i], order[random.randrange(i)], random.randint(lo, hi))
             for i in range(1, v)]
    while len(edges) < e:
        edges.append((random.randint(1, v), random.randint(1, v),
                      random.randint(lo, hi)))
    random.shuffle(edges)
    return edges


def cheap_cycles(v):
    """Light triangles tempt an algorithm that skips the cycle check."""
    edges = []
    for i in range(1, v - 1, 3):
        edges += [(i, i + 1, -C), (i + 1, i + 2, -C), (i, i + 2, -C)]
    edges += [(i, i + 1, C) for i in range(1, v)]
    random.shuffle(edges)
    return edges


tests = [
    (1, [(1, 1, 5)]),
    (2, [(1, 2, -C), (2, 1, C)]),
    (3, [(1, 2, 0), (2, 3, 0), (1, 3, 0)]),
    (4, [(1, 1, -7), (1, 2, 3), (2, 3, 3), (3, 4, 3), (4, 1, 3)]),
    (100, connected(100, 500, -10, 10)),
    (10000, connected(10000, 50000)),
    (10000, connected(10000, 9999, C - 10, C)),
    (10000, connected(10000, 12000, -C, -C + 10)),
    (9998, cheap_cycles(9998)),
    (5000, connected(5000, 15000, 0, 3)),
    (1000, connected(1000, 8000)),
]
for i, (v, edges) in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d %d\n" % (v, len(edges)))
        f.write("".join("%d %d %d\n" % e for e in edges))
