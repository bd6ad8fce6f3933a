#include <stdio.h>

static long long x[50000], y[50000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%lld %lld", &x[i], &y[i]);
    /* TODO: print the area */
    return 0;
}
