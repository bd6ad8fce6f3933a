const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const t = data[0];
const out = [];
for (let i = 0; i < t; i++) {
  const a = data[1 + 2 * i];
  const b = data[2 + 2 * i];
  // TODO: push "gcd lcm" to out (the LCM can exceed 2^53: use BigInt)
}
console.log(out.join('\n'));
