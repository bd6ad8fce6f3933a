from collections import deque


def bfs(graph, start):
    dist = [-1] * len(graph)
    dist[start] = 0
    order = []
    queue = deque([start])
    while queue:
        u = queue.popleft()
        order.append(u)
        for v in graph[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + 1
                queue.append(v)
    return order, dist


def main():
    edges = [(0, 1), (0, 2), (1, 3), (2, 4), (3, 5), (4, 5)]
    graph = [[] for _ in range(6)]
    for a, b in edges:
        graph[a].append(b)
        graph[b].append(a)
    order, dist = bfs(graph, 0)
    print("order:", *order)
    print("dist:", *dist)


if __name__ == "__main__":
    main()
