const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const h = data.slice(1, 1 + n);
// TODO: print the largest area
