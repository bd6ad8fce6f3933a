#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int v, e;
    cin >> v >> e;
    vector<array<int, 3>> edges(e);  // {c, a, b}
    for (auto& [c, a, b] : edges) cin >> a >> b >> c;
    // TODO: print the weight of the minimum spanning tree
    return 0;
}
