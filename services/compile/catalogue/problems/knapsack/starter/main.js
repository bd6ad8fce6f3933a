const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, k] = data;
const items = [];
for (let i = 0; i < n; i++) items.push([data[2 + 2 * i], data[3 + 2 * i]]);
// TODO: print the maximum total value
