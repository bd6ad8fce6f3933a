#include <bits/stdc++.h>
using namespace std;

// Wrong: lower_bound for r excludes elements equal to r.
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
        cout << (lower_bound(a.begin(), a.end(), r) - lower_bound(a.begin(), a.end(), l)) << '\n';
    }
    return 0;
}
