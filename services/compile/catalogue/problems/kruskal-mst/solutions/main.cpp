#include <bits/stdc++.h>
using namespace std;

vector<int> parent;

int find(int x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];  // path halving
        x = parent[x];
    }
    return x;
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int v, e;
    cin >> v >> e;
    vector<array<int, 3>> edges(e);  // {c, a, b}
    for (auto& [c, a, b] : edges) cin >> a >> b >> c;
    sort(edges.begin(), edges.end());
    parent.resize(v + 1);
    iota(parent.begin(), parent.end(), 0);
    long long total = 0;
    for (auto& [c, a, b] : edges) {
        int ra = find(a), rb = find(b);
        if (ra != rb) {
            parent[ra] = rb;
            total += c;
        }
    }
    cout << total << '\n';
    return 0;
}
