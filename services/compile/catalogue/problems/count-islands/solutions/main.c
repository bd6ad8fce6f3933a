#include <stdio.h>

static char grid[500][502];
static int stack[250000];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%501s", grid[i]);
    int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
    int islands = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            if (grid[i][j] != '#') continue;
            islands++;
            grid[i][j] = '.';
            int top = 0;
            stack[top++] = i * m + j;
            while (top > 0) { /* iterative DFS */
                int v = stack[--top];
                for (int k = 0; k < 4; k++) {
                    int r = v / m + dr[k], c = v % m + dc[k];
                    if (r < 0 || r >= n || c < 0 || c >= m || grid[r][c] != '#') continue;
                    grid[r][c] = '.';
                    stack[top++] = r * m + c;
                }
            }
        }
    }
    printf("%d\n", islands);
    return 0;
}
