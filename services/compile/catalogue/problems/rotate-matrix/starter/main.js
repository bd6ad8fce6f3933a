const lines = require('fs').readFileSync(0, 'utf8').trim().split('\n');
const [n, m] = lines[0].trim().split(/\s+/).map(Number);
const a = [];
for (let i = 1; i <= n; i++) a.push(lines[i].trim().split(/\s+/).map(Number));
// TODO: print the matrix rotated clockwise
