const n = Number(require('fs').readFileSync(0, 'utf8').trim());
const dp = [1, 1];
for (let i = 2; i <= n; i++) dp[i] = (dp[i - 1] + dp[i - 2]) % 10007;
console.log(dp[n]);
