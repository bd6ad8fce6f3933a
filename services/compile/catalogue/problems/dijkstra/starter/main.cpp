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
    // TODO: print the shortest distances from k
    return 0;
}
