const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [n, k] = data;
const coins = data.slice(2, 2 + n);
// TODO: print the minimum number of coins
