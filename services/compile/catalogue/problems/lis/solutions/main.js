const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
// tails[k] = the smallest last element of an increasing subsequence of length k + 1
const tails = [];
for (let i = 1; i <= n; i++) {
  const x = data[i];
  let lo = 0;
  let hi = tails.length; // first k with tails[k] >= x
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tails[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  tails[lo] = x;
}
console.log(tails.length);
