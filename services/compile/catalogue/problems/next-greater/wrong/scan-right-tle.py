import sys

# Too slow: scans to the right for every element, O(N^2) on decreasing input.
data = sys.stdin.buffer.read().split()
n = int(data[0])
a = [int(v) for v in data[1:1 + n]]
answer = []
for i in range(n):
    found = -1
    for j in range(i + 1, n):
        if a[j] > a[i]:
            found = a[j]
            break
    answer.append(found)
print(" ".join(map(str, answer)))
