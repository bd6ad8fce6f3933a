import sys
from collections import deque

# Wrong: BFS finds the path with the fewest edges, not the lightest one.
data = sys.stdin.buffer.read().split()
v, e, k = int(data[0]), int(data[1]), int(data[2])
graph = [[] for _ in range(v + 1)]
for i in range(3, 3 + 3 * e, 3):
    graph[int(data[i])].append((int(data[i + 1]), int(data[i + 2])))
dist = [None] * (v + 1)
dist[k] = 0
q = deque([k])
while q:
    u = q.popleft()
    for w, cost in graph[u]:
        if dist[w] is None:
            dist[w] = dist[u] + cost
            q.append(w)
print("\n".join("INF" if d is None else str(d) for d in dist[1:]))
