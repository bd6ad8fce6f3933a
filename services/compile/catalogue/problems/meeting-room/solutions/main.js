const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const meetings = [];
for (let i = 0; i < n; i++) meetings.push([data[1 + 2 * i], data[2 + 2 * i]]);
meetings.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
let count = 0;
let lastEnd = -1;
for (const [s, e] of meetings) {
  if (s >= lastEnd) {
    count++;
    lastEnd = e;
  }
}
console.log(count);
