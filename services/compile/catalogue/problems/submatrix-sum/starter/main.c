#include <stdio.h>

static int t[501][501];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++) scanf("%d", &t[i][j]);
    while (m--) {
        int x1, y1, x2, y2;
        scanf("%d %d %d %d", &x1, &y1, &x2, &y2);
        /* TODO: print the sum of the rectangle */
    }
    return 0;
}
