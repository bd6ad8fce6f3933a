const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, q] = data;
const a = Int32Array.from(data.slice(2, 2 + n)).sort();
// number of elements < x
const lowerBound = (x) => {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const out = new Array(q);
for (let i = 0; i < q; i++) {
  const l = data[2 + n + 2 * i];
  const r = data[3 + n + 2 * i];
  out[i] = lowerBound(r + 1) - lowerBound(l);
}
console.log(out.join('\n'));
