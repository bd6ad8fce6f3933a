const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const t = data[0];
const out = [];
const gcd = (a, b) => {
  while (b) [a, b] = [b, a % b];
  return a;
};
for (let i = 0; i < t; i++) {
  const a = data[1 + 2 * i];
  const b = data[2 + 2 * i];
  const g = gcd(a, b);
  // a / g * b can exceed 2^53, so multiply with BigInt.
  out.push(g + ' ' + (BigInt(a / g) * BigInt(b)).toString());
}
console.log(out.join('\n'));
