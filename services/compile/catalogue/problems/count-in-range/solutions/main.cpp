#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, q;
    cin >> n >> q;
    vector<int> a(n);
    for (auto& x : a) cin >> x;
    sort(a.begin(), a.end());
    while (q--) {
        int l, r;
        cin >> l >> r;
        auto hi = upper_bound(a.begin(), a.end(), r);
        auto lo = lower_bound(a.begin(), a.end(), l);
        cout << (hi - lo) << '\n';
    }
    return 0;
}
