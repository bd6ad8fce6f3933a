#include <climits>
#include <iostream>
#include <queue>
#include <vector>

using Edge = std::pair<int, int>;

int main() {
    int n = 5;
    int edges[][3] = {
        {0, 1, 4}, {0, 2, 1}, {2, 1, 2},
        {1, 3, 1}, {2, 3, 5}, {3, 4, 3},
    };
    std::vector<std::vector<Edge>> graph(n);
    for (auto& e : edges) {
        graph[e[0]].push_back({e[1], e[2]});
    }
    std::vector<int> dist(n, INT_MAX);
    std::priority_queue<Edge, std::vector<Edge>, std::greater<Edge>> pq;
    dist[0] = 0;
    pq.push({0, 0});
    while (!pq.empty()) {
        auto [d, u] = pq.top();
        pq.pop();
        if (d > dist[u]) {
            continue;
        }
        for (auto [v, w] : graph[u]) {
            if (d + w < dist[v]) {
                dist[v] = d + w;
                pq.push({dist[v], v});
            }
        }
    }
    std::cout << "dist:";
    for (int d : dist) {
        std::cout << " " << d;
    }
    std::cout << "\n";
    return 0;
}
