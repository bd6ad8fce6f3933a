function dijkstra(n, edges, start) {
  const dist = new Array(n).fill(Infinity);
  const done = new Array(n).fill(false);
  dist[start] = 0;
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let i = 0; i < n; i++) {
      if (!done[i] && (u === -1 || dist[i] < dist[u])) {
        u = i;
      }
    }
    if (dist[u] === Infinity) {
      break;
    }
    done[u] = true;
    for (const [a, b, w] of edges) {
      if (a === u && dist[u] + w < dist[b]) {
        dist[b] = dist[u] + w;
      }
    }
  }
  return dist;
}

const edges = [
  [0, 1, 4],
  [0, 2, 1],
  [2, 1, 2],
  [1, 3, 1],
  [2, 3, 5],
  [3, 4, 3],
];
console.log('dist: ' + dijkstra(5, edges, 0).join(' '));
