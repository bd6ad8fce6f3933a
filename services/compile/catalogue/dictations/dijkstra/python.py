import heapq


def dijkstra(graph, start):
    dist = [float("inf")] * len(graph)
    dist[start] = 0
    heap = [(0, start)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, w in graph[u]:
            if d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(heap, (dist[v], v))
    return dist


def main():
    edges = [(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 1), (2, 3, 5), (3, 4, 3)]
    graph = [[] for _ in range(5)]
    for u, v, w in edges:
        graph[u].append((v, w))
    print("dist:", *dijkstra(graph, 0))


if __name__ == "__main__":
    main()
