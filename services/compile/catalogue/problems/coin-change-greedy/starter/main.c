#include <stdio.h>

int main(void) {
    int n, k, coins[10];
    if (scanf("%d %d", &n, &k) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &coins[i]);
    /* TODO: print the minimum number of coins */
    return 0;
}
