import sys
from heapq import heappop, heappush


def main():
    data = sys.stdin.buffer.read().split()
    v, e, k = int(data[0]), int(data[1]), int(data[2])
    graph = [[] for _ in range(v + 1)]
    for i in range(3, 3 + 3 * e, 3):
        graph[int(data[i])].append((int(data[i + 1]), int(data[i + 2])))
    INF = float("inf")
    dist = [INF] * (v + 1)
    dist[k] = 0
    heap = [(0, k)]
    while heap:
        d, u = heappop(heap)
        if d > dist[u]:
            continue  # a stale entry
        for w, cost in graph[u]:
            nd = d + cost
            if nd < dist[w]:
                dist[w] = nd
                heappush(heap, (nd, w))
    out = ["INF" if d == INF else str(d) for d in dist[1:]]
    sys.stdout.write("\n".join(out) + "\n")


main()
