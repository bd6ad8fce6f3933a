const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, s] = data;
let best = n + 1;
let left = 0;
let total = 0;
for (let right = 0; right < n; right++) {
  total += data[2 + right];
  while (total >= s) {
    best = Math.min(best, right - left + 1);
    total -= data[2 + left];
    left++;
  }
}
console.log(best <= n ? best : 0);
