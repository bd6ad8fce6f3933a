const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, m] = data;
const prefix = new Array(n + 1).fill(0);
for (let i = 1; i <= n; i++) prefix[i] = prefix[i - 1] + data[1 + i];
const out = new Array(m);
for (let k = 0; k < m; k++) {
  const i = data[2 + n + 2 * k];
  const j = data[3 + n + 2 * k];
  out[k] = prefix[j] - prefix[i - 1];
}
console.log(out.join('\n'));
