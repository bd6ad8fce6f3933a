import sys

# Too slow: compares the pattern at every position, O(|T| * |P|).
t, p = sys.stdin.read().split()
n, m = len(t), len(p)
count = 0
for i in range(n - m + 1):
    j = 0
    while j < m and t[i + j] == p[j]:
        j += 1
    if j == m:
        count += 1
print(count)
