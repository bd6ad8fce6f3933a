#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int v, e, k;
    cin >> v >> e >> k;
    vector<vector<pair<int, int>>> graph(v + 1);
    for (int i = 0; i < e; i++) {
        int a, b, w;
        cin >> a >> b >> w;
        graph[a].push_back({b, w});
    }
    const long long INF = LLONG_MAX;
    vector<long long> dist(v + 1, INF);
    priority_queue<pair<long long, int>, vector<pair<long long, int>>, greater<>> pq;
    dist[k] = 0;
    pq.push({0, k});
    while (!pq.empty()) {
        auto [d, u] = pq.top();
        pq.pop();
        if (d > dist[u]) continue;  // a stale entry
        for (auto [w, cost] : graph[u]) {
            if (d + cost < dist[w]) {
                dist[w] = d + cost;
                pq.push({dist[w], w});
            }
        }
    }
    for (int i = 1; i <= v; i++) {
        if (dist[i] == INF) cout << "INF\n";
        else cout << dist[i] << '\n';
    }
    return 0;
}
