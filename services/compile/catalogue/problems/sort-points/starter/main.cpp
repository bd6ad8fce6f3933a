#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<int, int>> p(n);
    for (auto& [x, y] : p) cin >> x >> y;
    // TODO: sort and print the points
    return 0;
}
