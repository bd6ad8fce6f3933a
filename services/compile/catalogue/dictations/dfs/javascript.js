function dfs(graph, u, visited, order) {
  visited[u] = true;
  order.push(u);
  for (const v of graph[u]) {
    if (!visited[v]) {
      dfs(graph, v, visited, order);
    }
  }
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
const visited = new Array(6).fill(false);
const order = [];
dfs(graph, 0, visited, order);
console.log('order: ' + order.join(' '));
