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
    for (int c = 0; c < m; c++) {
        for (int r = n - 1; r >= 0; r--) {
            cout << a[r][c] << (r == 0 ? '\n' : ' ');
        }
    }
    return 0;
}
