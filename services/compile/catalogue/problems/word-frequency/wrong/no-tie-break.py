import sys
from collections import Counter

# Wrong: words with equal counts keep their first-appearance order.
data = sys.stdin.buffer.read().split()
n = int(data[0])
counts = Counter(w.decode() for w in data[1:1 + n])
for w, c in counts.most_common():
    print(w, c)
