const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, k] = data;
const dp = new Int32Array(k + 1); // dp[c] = best value with total weight <= c
for (let i = 0; i < n; i++) {
  const w = data[2 + 2 * i];
  const v = data[3 + 2 * i];
  // downwards, so that every item is used at most once
  for (let c = k; c >= w; c--) dp[c] = Math.max(dp[c], dp[c - w] + v);
}
console.log(dp[k]);
