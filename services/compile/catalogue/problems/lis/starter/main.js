const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const a = data.slice(1, 1 + n);
// TODO: print the length of the longest increasing subsequence
