const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, s] = data;
const a = data.slice(2, 2 + n);
// TODO: print the minimum length (0 if impossible)
