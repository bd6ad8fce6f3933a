#include <stdio.h>

static int a[300][300];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) scanf("%d", &a[i][j]);
    /* TODO: print the matrix rotated clockwise */
    return 0;
}
