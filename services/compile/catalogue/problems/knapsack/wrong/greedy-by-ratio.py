import sys

# Wrong: taking items by value per weight is not optimal for 0/1 knapsack.
data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
items = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
items.sort(key=lambda it: it[1] / it[0], reverse=True)
total = 0
for w, v in items:
    if w <= k:
        k -= w
        total += v
print(total)
