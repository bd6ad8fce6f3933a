const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
let k = data[1];
const coins = data.slice(2, 2 + n);
let count = 0;
for (let i = n - 1; i >= 0; i--) {
  count += Math.floor(k / coins[i]);
  k %= coins[i];
}
console.log(count);
