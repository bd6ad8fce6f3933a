const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const a = data.slice(1, 1 + n);
const answer = new Array(n).fill(-1);
// TODO: fill answer
console.log(answer.join(' '));
