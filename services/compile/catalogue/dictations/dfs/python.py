def dfs(graph, u, visited, order):
    visited[u] = True
    order.append(u)
    for v in graph[u]:
        if not visited[v]:
            dfs(graph, v, visited, order)


def main():
    edges = [(0, 1), (0, 2), (1, 3), (2, 4), (3, 5), (4, 5)]
    graph = [[] for _ in range(6)]
    for a, b in edges:
        graph[a].append(b)
        graph[b].append(a)
    visited = [False] * 6
    order = []
    dfs(graph, 0, visited, order)
    print("order:", *order)


if __name__ == "__main__":
    main()
