const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const [k, n] = data;
const cables = data.slice(2, 2 + k);
// TODO: print the maximum length
