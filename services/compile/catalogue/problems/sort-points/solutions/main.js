const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const points = [];
for (let i = 0; i < n; i++) points.push([data[1 + 2 * i], data[2 + 2 * i]]);
points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
console.log(points.map((p) => p[0] + ' ' + p[1]).join('\n'));
