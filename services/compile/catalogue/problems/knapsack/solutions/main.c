#include <stdio.h>

static int dp[10001]; /* dp[c] = best value with total weight <= c */

int main(void) {
    int n, k;
    if (scanf("%d %d", &n, &k) != 2) return 0;
    for (int i = 0; i < n; i++) {
        int w, v;
        scanf("%d %d", &w, &v);
        /* downwards, so that every item is used at most once */
        for (int c = k; c >= w; c--) {
            if (dp[c - w] + v > dp[c]) dp[c] = dp[c - w] + v;
        }
    }
    printf("%d\n", dp[k]);
    return 0;
}
