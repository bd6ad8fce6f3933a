const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
let s = 0n;
for (let i = 0; i < n; i++) {
  const j = (i + 1) % n;
  // each term is below 2^53 in absolute value, so it is exact as a double
  s += BigInt(data[1 + 2 * i] * data[2 + 2 * j] - data[1 + 2 * j] * data[2 + 2 * i]);
}
if (s < 0n) s = -s;
console.log((s / 2n).toString() + (s % 2n ? '.5' : '.0'));
