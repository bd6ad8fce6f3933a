// Wrong: subtracts prefix[i] instead of prefix[i - 1], dropping the i-th number.
const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, m] = data;
const prefix = new Array(n + 1).fill(0);
for (let i = 1; i <= n; i++) prefix[i] = prefix[i - 1] + data[1 + i];
const out = [];
for (let k = 0; k < m; k++) {
  const i = data[2 + n + 2 * k];
  const j = data[3 + n + 2 * k];
  out.push(prefix[j] - prefix[i]);
}
console.log(out.join('\n'));
