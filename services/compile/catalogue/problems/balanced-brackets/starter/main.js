const lines = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const t = Number(lines[0]);
const out = [];
for (let i = 1; i <= t; i++) {
  const s = lines[i];
  // TODO: push "YES" or "NO"
}
console.log(out.join('\n'));
