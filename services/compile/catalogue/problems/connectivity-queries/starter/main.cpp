#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    while (m--) {
        int op, a, b;
        cin >> op >> a >> b;
        // TODO: merge (op == 0) or answer YES/NO (op == 1)
    }
    return 0;
}
