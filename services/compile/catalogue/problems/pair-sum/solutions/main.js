const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const a = Int32Array.from(data.slice(1, 1 + n)).sort();
const x = data[1 + n];
let lo = 0;
let hi = n - 1;
let count = 0;
while (lo < hi) {
  const s = a[lo] + a[hi];
  if (s === x) {
    count++;
    lo++;
    hi--;
  } else if (s < x) {
    lo++;
  } else {
    hi--;
  }
}
console.log(count);
