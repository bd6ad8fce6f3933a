import sys

# Wrong: picking the meeting that starts first is not optimal.
data = sys.stdin.buffer.read().split()
n = int(data[0])
meetings = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
count = 0
last_end = -1
for s, e in meetings:
    if s >= last_end:
        count += 1
        last_end = e
print(count)
