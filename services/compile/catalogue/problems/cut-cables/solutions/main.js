const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [k, n] = data;
const cables = data.slice(2, 2 + k);
let lo = 1;
let hi = Math.max(...cables); // the answer lies in [lo, hi]
while (lo < hi) {
  const mid = Math.floor((lo + hi + 1) / 2);
  let count = 0;
  for (const c of cables) count += Math.floor(c / mid);
  if (count >= n) lo = mid;
  else hi = mid - 1;
}
console.log(lo);
