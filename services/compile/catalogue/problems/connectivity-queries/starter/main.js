const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, m] = data;
const out = [];
for (let i = 0; i < m; i++) {
  const [op, a, b] = data.slice(2 + 3 * i, 5 + 3 * i);
  // TODO: merge (op === 0) or answer YES/NO (op === 1)
}
console.log(out.join('\n'));
