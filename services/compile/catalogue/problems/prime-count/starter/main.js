const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const q = data[0];
const out = [];
for (let i = 1; i <= q; i++) {
  const n = data[i];
  // TODO: push the number of primes <= n
}
console.log(out.join('\n'));
