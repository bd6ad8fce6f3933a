const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [v, e, k] = data;
const graph = Array.from({ length: v + 1 }, () => []);
for (let i = 0; i < e; i++) {
  const [a, b, w] = data.slice(3 + 3 * i, 6 + 3 * i);
  graph[a].push([b, w]);
}
// TODO: print the shortest distances from k
