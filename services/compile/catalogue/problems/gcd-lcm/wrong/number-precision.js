// Wrong: a / g * b above 2^53 loses precision as a double.
const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const out = [];
const gcd = (a, b) => (b ? gcd(b, a % b) : a);
for (let i = 0; i < data[0]; i++) {
  const a = data[1 + 2 * i];
  const b = data[2 + 2 * i];
  const g = gcd(a, b);
  out.push(g + ' ' + (a / g) * b);
}
console.log(out.join('\n'));
