import sys

# Too slow: subtracts one coin per step, up to 10^9 steps.
data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
coins = [int(x) for x in data[2:2 + n]]
count = 0
i = n - 1
while k > 0:
    while coins[i] > k:
        i -= 1
    k -= coins[i]
    count += 1
print(count)
