const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const x = [];
const y = [];
for (let i = 0; i < n; i++) {
  x.push(data[1 + 2 * i]);
  y.push(data[2 + 2 * i]);
}
// TODO: print the area
