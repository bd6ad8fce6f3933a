const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, q] = data;
const a = data.slice(2, 2 + n);
const out = [];
for (let i = 0; i < q; i++) {
  const l = data[2 + n + 2 * i];
  const r = data[3 + n + 2 * i];
  // TODO: push the answer
}
console.log(out.join('\n'));
