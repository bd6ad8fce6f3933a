const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const LIMIT = 1000000;
const composite = new Uint8Array(LIMIT + 1);
const count = new Int32Array(LIMIT + 1);
for (let i = 2; i * i <= LIMIT; i++) {
  if (!composite[i]) {
    for (let j = i * i; j <= LIMIT; j += i) composite[j] = 1;
  }
}
for (let i = 2; i <= LIMIT; i++) count[i] = count[i - 1] + (composite[i] ? 0 : 1);
const q = data[0];
const out = new Array(q);
for (let i = 0; i < q; i++) out[i] = count[data[i + 1]];
console.log(out.join('\n'));
