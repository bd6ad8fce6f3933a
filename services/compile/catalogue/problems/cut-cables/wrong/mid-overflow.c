#include <stdio.h>

/* Wrong: lo + hi overflows int when the cables are close to 2^31 - 1. */
static int cables[10000];

int main(void) {
    int k, n;
    scanf("%d %d", &k, &n);
    int lo = 1, hi = 1, ans = 0;
    for (int i = 0; i < k; i++) {
        scanf("%d", &cables[i]);
        if (cables[i] > hi) hi = cables[i];
    }
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        long long count = 0;
        for (int i = 0; i < k; i++) count += cables[i] / mid;
        if (count >= n) {
            ans = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    printf("%d\n", ans);
    return 0;
}
