#include <algorithm>
#include <iostream>
#include <utility>
#include <vector>

int knapsack(const std::vector<std::pair<int, int>>& items, int capacity) {
    std::vector<int> dp(capacity + 1, 0);
    for (auto [weight, value] : items) {
        for (int c = capacity; c >= weight; c--) {
            dp[c] = std::max(dp[c], dp[c - weight] + value);
        }
    }
    return dp[capacity];
}

int main() {
    std::vector<std::pair<int, int>> items = {{6, 13}, {4, 8}, {3, 6}, {5, 12}};
    int capacity = 7;
    std::cout << "items: " << items.size() << "\n";
    std::cout << "capacity: " << capacity << "\n";
    std::cout << "best value: " << knapsack(items, capacity) << "\n";
    return 0;
}
