const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const points = [];
for (let i = 0; i < n; i++) points.push([data[1 + 2 * i], data[2 + 2 * i]]);
// TODO: sort and print the points
