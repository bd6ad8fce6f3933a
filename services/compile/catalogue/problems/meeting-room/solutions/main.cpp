#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<int, int>> m(n);  // (end, start)
    for (auto& [e, s] : m) cin >> s >> e;
    sort(m.begin(), m.end());
    int count = 0;
    long long lastEnd = -1;
    for (auto& [e, s] : m) {
        if (s >= lastEnd) {
            count++;
            lastEnd = e;
        }
    }
    cout << count << '\n';
    return 0;
}
