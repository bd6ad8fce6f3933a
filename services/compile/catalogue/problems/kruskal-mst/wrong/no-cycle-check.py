import sys

# Wrong: takes the V - 1 lightest edges without checking for cycles.
data = sys.stdin.buffer.read().split()
v, e = int(data[0]), int(data[1])
nums = list(map(int, data[2:2 + 3 * e]))
weights = sorted(nums[2::3])
print(sum(weights[:v - 1]))
