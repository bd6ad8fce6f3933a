import sys

# Too slow: tries every length from the longest cable downwards.
data = sys.stdin.buffer.read().split()
k, n = int(data[0]), int(data[1])
cables = [int(x) for x in data[2:2 + k]]
length = max(cables)
while sum(c // length for c in cables) < n:
    length -= 1
print(length)
