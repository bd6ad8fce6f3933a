#include <bits/stdc++.h>
using namespace std;

// Wrong: also joins cells that touch only diagonally.
int main() {
    int n, m;
    cin >> n >> m;
    vector<string> grid(n);
    for (auto& row : grid) cin >> row;
    int islands = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            if (grid[i][j] != '#') continue;
            islands++;
            grid[i][j] = '.';
            vector<pair<int, int>> st = {{i, j}};
            while (!st.empty()) {
                auto [r0, c0] = st.back();
                st.pop_back();
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++) {
                        int r = r0 + dr, c = c0 + dc;
                        if (r < 0 || r >= n || c < 0 || c >= m || grid[r][c] != '#') continue;
                        grid[r][c] = '.';
                        st.push_back({r, c});
                    }
            }
        }
    cout << islands << '\n';
    return 0;
}
