#include <bits/stdc++.h>
using namespace std;

// Wrong: links a directly under b instead of linking their roots,
// which cuts a away from its old set.
int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<int> parent(n + 1);
    iota(parent.begin(), parent.end(), 0);
    auto find = [&](int x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    while (m--) {
        int op, a, b;
        scanf("%d %d %d", &op, &a, &b);
        if (op == 0) parent[a] = find(b);
        else puts(find(a) == find(b) ? "YES" : "NO");
    }
    return 0;
}
