#include <stdio.h>

static long long cables[10000];

int main(void) {
    int k, n;
    if (scanf("%d %d", &k, &n) != 2) return 0;
    long long lo = 1, hi = 1;  /* the answer lies in [lo, hi] */
    for (int i = 0; i < k; i++) {
        scanf("%lld", &cables[i]);
        if (cables[i] > hi) hi = cables[i];
    }
    while (lo < hi) {
        long long mid = (lo + hi + 1) / 2;
        long long count = 0;
        for (int i = 0; i < k; i++) count += cables[i] / mid;
        if (count >= n) lo = mid;
        else hi = mid - 1;
    }
    printf("%lld\n", lo);
    return 0;
}
