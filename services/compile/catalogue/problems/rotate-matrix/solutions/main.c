#include <stdio.h>

static int a[300][300];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) scanf("%d", &a[i][j]);
    for (int c = 0; c < m; c++) {
        for (int r = n - 1; r >= 0; r--) {
            printf("%d%c", a[r][c], r == 0 ? '\n' : ' ');
        }
    }
    return 0;
}
