#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<string> grid(n);
    for (auto& row : grid) cin >> row;
    vector<vector<int>> dist(n, vector<int>(m, 0));
    const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
    queue<pair<int, int>> q;
    dist[0][0] = 1;
    q.push({0, 0});
    while (!q.empty()) {
        auto [r0, c0] = q.front();
        q.pop();
        for (int k = 0; k < 4; k++) {
            int r = r0 + dr[k], c = c0 + dc[k];
            if (r < 0 || r >= n || c < 0 || c >= m) continue;
            if (grid[r][c] != '.' || dist[r][c]) continue;
            dist[r][c] = dist[r0][c0] + 1;
            q.push({r, c});
        }
    }
    cout << (dist[n - 1][m - 1] ? dist[n - 1][m - 1] : -1) << '\n';
    return 0;
}
