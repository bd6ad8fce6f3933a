const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [v, e] = data;
const edges = [];
for (let i = 0; i < e; i++) {
  const [a, b, c] = data.slice(2 + 3 * i, 5 + 3 * i);
  edges.push([c, a, b]);
}
// TODO: print the weight of the minimum spanning tree
