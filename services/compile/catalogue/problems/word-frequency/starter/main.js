const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const n = Number(data[0]);
const words = data.slice(1, 1 + n);
// TODO: count the words and print them
