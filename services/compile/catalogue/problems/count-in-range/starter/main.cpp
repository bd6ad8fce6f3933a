#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, q;
    cin >> n >> q;
    vector<int> a(n);
    for (auto& x : a) cin >> x;
    while (q--) {
        int l, r;
        cin >> l >> r;
        // TODO: print the answer
    }
    return 0;
}
