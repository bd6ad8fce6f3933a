#include <stdio.h>

static int a[100001];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 1; i <= n; i++) scanf("%d", &a[i]);
    while (m--) {
        int i, j;
        scanf("%d %d", &i, &j);
        /* TODO: print the sum of a[i..j] */
    }
    return 0;
}
