const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, m] = data;
const a = data.slice(2, 2 + n);
const out = [];
for (let k = 0; k < m; k++) {
  const i = data[2 + n + 2 * k];
  const j = data[3 + n + 2 * k];
  // TODO: push the sum of the i-th to j-th numbers (1-based)
}
console.log(out.join('\n'));
