const [t, p] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const m = p.length;
const fail = new Int32Array(m); // fail[i] = longest proper border of p[0..i]
for (let i = 1, k = 0; i < m; i++) {
  while (k > 0 && p[i] !== p[k]) k = fail[k - 1];
  if (p[i] === p[k]) k++;
  fail[i] = k;
}
let count = 0;
for (let i = 0, k = 0; i < t.length; i++) {
  while (k > 0 && t[i] !== p[k]) k = fail[k - 1];
  if (t[i] === p[k]) k++;
  if (k === m) {
    count++;
    k = fail[k - 1];
  }
}
console.log(count);
