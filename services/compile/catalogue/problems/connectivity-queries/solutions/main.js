const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, m] = data;
const parent = Int32Array.from({ length: n + 1 }, (_, i) => i);
const find = (x) => {
  let root = x;
  while (parent[root] !== root) root = parent[root];
  while (parent[x] !== root) {
    // path compression
    const next = parent[x];
    parent[x] = root;
    x = next;
  }
  return root;
};
const out = [];
for (let i = 0; i < m; i++) {
  const op = data[2 + 3 * i];
  const a = find(data[3 + 3 * i]);
  const b = find(data[4 + 3 * i]);
  if (op === 0) parent[a] = b;
  else out.push(a === b ? 'YES' : 'NO');
}
console.log(out.join('\n'));
