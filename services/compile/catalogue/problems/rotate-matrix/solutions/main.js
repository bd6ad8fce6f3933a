const lines = require('fs').readFileSync(0, 'utf8').trim().split('\n');
const [n, m] = lines[0].trim().split(/\s+/).map(Number);
const a = [];
for (let i = 1; i <= n; i++) a.push(lines[i].trim().split(/\s+/).map(Number));
const out = [];
for (let c = 0; c < m; c++) {
  const row = [];
  for (let r = n - 1; r >= 0; r--) row.push(a[r][c]);
  out.push(row.join(' '));
}
console.log(out.join('\n'));
