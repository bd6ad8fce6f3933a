def knapsack(items, capacity):
    dp = [0] * (capacity + 1)
    for weight, value in items:
        for c in range(capacity, weight - 1, -1):
            dp[c] = max(dp[c], dp[c - weight] + value)
    return dp[capacity]


def main():
    items = [(6, 13), (4, 8), (3, 6), (5, 12)]
    capacity = 7
    best = knapsack(items, capacity)
    print("items:", len(items))
    print("capacity:", capacity)
    print("best value:", best)


if __name__ == "__main__":
    main()
