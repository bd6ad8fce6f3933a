const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const n = Number(data[0]);
const m = Number(data[1]);
const grid = data.slice(2, 2 + n);
// TODO: print the number of islands
