#include <stdio.h>

int main(void) {
    int n, k, coins[10];
    if (scanf("%d %d", &n, &k) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &coins[i]);
    int count = 0;
    for (int i = n - 1; i >= 0; i--) {
        count += k / coins[i];
        k %= coins[i];
    }
    printf("%d\n", count);
    return 0;
}
