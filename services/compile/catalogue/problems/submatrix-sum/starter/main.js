const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, m] = data;
let pos = 2;
const t = [];
for (let i = 0; i < n; i++) {
  t.push(data.slice(pos, pos + n));
  pos += n;
}
const out = [];
for (let k = 0; k < m; k++) {
  const [x1, y1, x2, y2] = data.slice(pos, pos + 4);
  pos += 4;
  // TODO: push the sum of the rectangle
}
console.log(out.join('\n'));
