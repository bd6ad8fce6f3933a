import sys

# Too slow: checks all n(n-1)/2 pairs.
data = sys.stdin.buffer.read().split()
n = int(data[0])
a = [int(v) for v in data[1:1 + n]]
x = int(data[1 + n])
count = 0
for i in range(n):
    for j in range(i + 1, n):
        if a[i] + a[j] == x:
            count += 1
print(count)
