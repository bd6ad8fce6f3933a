#include <stdio.h>

int knapsack(const int *weight, const int *value, int n, int capacity) {
    int dp[capacity + 1];
    for (int c = 0; c <= capacity; c++) {
        dp[c] = 0;
    }
    for (int i = 0; i < n; i++) {
        for (int c = capacity; c >= weight[i]; c--) {
            int take = dp[c - weight[i]] + value[i];
            if (take > dp[c]) {
                dp[c] = take;
            }
        }
    }
    return dp[capacity];
}

int main(void) {
    int weight[] = {6, 4, 3, 5};
    int value[] = {13, 8, 6, 12};
    int capacity = 7;
    printf("items: %d\n", 4);
    printf("capacity: %d\n", capacity);
    printf("best value: %d\n", knapsack(weight, value, 4, capacity));
    return 0;
}
