#include <iostream>
#include <queue>
#include <vector>

using Graph = std::vector<std::vector<int>>;

std::vector<int> bfs(const Graph& graph, int start, std::vector<int>& order) {
    std::vector<int> dist(graph.size(), -1);
    std::queue<int> q;
    dist[start] = 0;
    q.push(start);
    while (!q.empty()) {
        int u = q.front();
        q.pop();
        order.push_back(u);
        for (int v : graph[u]) {
            if (dist[v] == -1) {
                dist[v] = dist[u] + 1;
                q.push(v);
            }
        }
    }
    return dist;
}

int main() {
    int edges[][2] = {{0, 1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 5}};
    Graph graph(6);
    for (auto& e : edges) {
        graph[e[0]].push_back(e[1]);
        graph[e[1]].push_back(e[0]);
    }
    std::vector<int> order;
    std::vector<int> dist = bfs(graph, 0, order);
    std::cout << "order:";
    for (int u : order) {
        std::cout << " " << u;
    }
    std::cout << "\ndist:";
    for (int d : dist) {
        std::cout << " " << d;
    }
    std::cout << "\n";
    return 0;
}
