const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [v, e, k] = data;
const graph = Array.from({ length: v + 1 }, () => []);
for (let i = 0; i < e; i++) {
  graph[data[3 + 3 * i]].push([data[4 + 3 * i], data[5 + 3 * i]]);
}
// a binary min-heap of [distance, vertex]
const heap = [];
const push = (item) => {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p][0] <= heap[i][0]) break;
    [heap[p], heap[i]] = [heap[i], heap[p]];
    i = p;
  }
};
const pop = () => {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heap.length) break;
      if (c + 1 < heap.length && heap[c + 1][0] < heap[c][0]) c++;
      if (heap[i][0] <= heap[c][0]) break;
      [heap[c], heap[i]] = [heap[i], heap[c]];
      i = c;
    }
  }
  return top;
};
const dist = new Array(v + 1).fill(Infinity);
dist[k] = 0;
push([0, k]);
while (heap.length) {
  const [d, u] = pop();
  if (d > dist[u]) continue; // a stale entry
  for (const [w, cost] of graph[u]) {
    if (d + cost < dist[w]) {
      dist[w] = d + cost;
      push([dist[w], w]);
    }
  }
}
console.log(
  dist
    .slice(1)
    .map((d) => (d === Infinity ? 'INF' : d))
    .join('\n'),
);
