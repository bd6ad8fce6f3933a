#include <bits/stdc++.h>
using namespace std;

// Wrong: transposes the matrix but forgets to reverse each row.
int main() {
    int n, m;
    cin >> n >> m;
    vector<vector<int>> a(n, vector<int>(m));
    for (auto& row : a)
        for (auto& v : row) cin >> v;
    for (int c = 0; c < m; c++)
        for (int r = 0; r < n; r++) cout << a[r][c] << (r == n - 1 ? '\n' : ' ');
    return 0;
}
