#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, x;
    cin >> n;
    vector<int> a(n);
    for (auto& v : a) cin >> v;
    cin >> x;
    sort(a.begin(), a.end());
    int lo = 0, hi = n - 1, count = 0;
    while (lo < hi) {
        int s = a[lo] + a[hi];
        if (s == x) {
            count++;
            lo++;
            hi--;
        } else if (s < x) {
            lo++;
        } else {
            hi--;
        }
    }
    cout << count << '\n';
    return 0;
}
