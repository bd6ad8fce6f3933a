#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<vector<int>> a(n, vector<int>(m));
    for (auto& row : a)
        for (auto& v : row) cin >> v;
    // TODO: print the matrix rotated clockwise
    return 0;
}
