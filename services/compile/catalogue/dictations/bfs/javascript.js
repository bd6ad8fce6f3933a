function bfs(graph, start) {
  const dist = new Array(graph.length).fill(-1);
  const queue = [start];
  dist[start] = 0;
  let head = 0;
  while (head < queue.length) {
    const u = queue[head++];
    for (const v of graph[u]) {
      if (dist[v] === -1) {
        dist[v] = dist[u] + 1;
        queue.push(v);
      }
    }
  }
  return { order: queue, dist };
}

const edges = [
  [0, 1],
  [0, 2],
  [1, 3],
  [2, 4],
  [3, 5],
  [4, 5],
];
const graph = Array.from({ length: 6 }, () => []);
for (const [a, b] of edges) {
  graph[a].push(b);
  graph[b].push(a);
}
const { order, dist } = bfs(graph, 0);
console.log('order: ' + order.join(' '));
console.log('dist: ' + dist.join(' '));
