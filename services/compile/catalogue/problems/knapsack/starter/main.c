#include <stdio.h>

int main(void) {
    int n, k, w[100], v[100];
    if (scanf("%d %d", &n, &k) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%d %d", &w[i], &v[i]);
    /* TODO: print the maximum total value */
    return 0;
}
