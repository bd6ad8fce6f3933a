#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<string> grid(n);
    for (auto& row : grid) cin >> row;
    const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
    int islands = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            if (grid[i][j] != '#') continue;
            islands++;
            grid[i][j] = '.';
            vector<pair<int, int>> st = {{i, j}};  // iterative DFS
            while (!st.empty()) {
                auto [r0, c0] = st.back();
                st.pop_back();
                for (int k = 0; k < 4; k++) {
                    int r = r0 + dr[k], c = c0 + dc[k];
                    if (r < 0 || r >= n || c < 0 || c >= m || grid[r][c] != '#') continue;
                    grid[r][c] = '.';
                    st.push_back({r, c});
                }
            }
        }
    }
    cout << islands << '\n';
    return 0;
}
