#include <stdio.h>

/* Wrong: takes each coin at most once, then pays the rest in 1s. */
int main(void) {
    int n, k, coins[10];
    scanf("%d %d", &n, &k);
    for (int i = 0; i < n; i++) scanf("%d", &coins[i]);
    int count = 0;
    for (int i = n - 1; i > 0; i--) {
        if (coins[i] <= k) {
            k -= coins[i];
            count++;
        }
    }
    printf("%d\n", count + k);
    return 0;
}
