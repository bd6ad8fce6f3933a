#include <stdio.h>

static long long cables[10000];

int main(void) {
    int k, n;
    if (scanf("%d %d", &k, &n) != 2) return 0;
    for (int i = 0; i < k; i++) scanf("%lld", &cables[i]);
    /* TODO: print the maximum length */
    return 0;
}
