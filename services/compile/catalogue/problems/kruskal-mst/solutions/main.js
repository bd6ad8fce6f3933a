const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [v, e] = data;
const edges = [];
for (let i = 0; i < e; i++) edges.push([data[4 + 3 * i], data[2 + 3 * i], data[3 + 3 * i]]);
edges.sort((x, y) => x[0] - y[0]);
const parent = Int32Array.from({ length: v + 1 }, (_, i) => i);
const find = (x) => {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]]; // path halving
    x = parent[x];
  }
  return x;
};
let total = 0;
for (const [c, a, b] of edges) {
  const ra = find(a);
  const rb = find(b);
  if (ra !== rb) {
    parent[ra] = rb;
    total += c;
  }
}
console.log(total);
