const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const a = Number(data[0]);
const b = Number(data[1]);
// TODO: print the answer
