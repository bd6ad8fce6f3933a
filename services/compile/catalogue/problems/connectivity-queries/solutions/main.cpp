#include <bits/stdc++.h>
using namespace std;

vector<int> parent;

int find(int x) {
    int root = x;
    while (parent[root] != root) root = parent[root];
    while (parent[x] != root) {  // path compression
        int next = parent[x];
        parent[x] = root;
        x = next;
    }
    return root;
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    parent.resize(n + 1);
    iota(parent.begin(), parent.end(), 0);
    while (m--) {
        int op, a, b;
        cin >> op >> a >> b;
        a = find(a);
        b = find(b);
        if (op == 0) parent[a] = b;
        else cout << (a == b ? "YES" : "NO") << '\n';
    }
    return 0;
}
