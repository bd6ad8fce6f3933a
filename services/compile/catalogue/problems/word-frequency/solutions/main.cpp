#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    map<string, int> counts;
    for (int i = 0; i < n; i++) {
        string w;
        cin >> w;
        counts[w]++;
    }
    vector<pair<int, string>> items;
    for (auto& [w, c] : counts) items.push_back({-c, w});
    sort(items.begin(), items.end());
    for (auto& [c, w] : items) cout << w << ' ' << -c << '\n';
    return 0;
}
