const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, m] = data;
const s = [];
for (let i = 0; i <= n; i++) s.push(new Int32Array(n + 1));
let pos = 2;
for (let i = 1; i <= n; i++) {
  for (let j = 1; j <= n; j++) {
    s[i][j] = s[i - 1][j] + s[i][j - 1] - s[i - 1][j - 1] + data[pos++];
  }
}
const out = new Array(m);
for (let k = 0; k < m; k++) {
  const x1 = data[pos++];
  const y1 = data[pos++];
  const x2 = data[pos++];
  const y2 = data[pos++];
  out[k] = s[x2][y2] - s[x1 - 1][y2] - s[x2][y1 - 1] + s[x1 - 1][y1 - 1];
}
console.log(out.join('\n'));
