const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const meetings = [];
for (let i = 0; i < n; i++) meetings.push([data[1 + 2 * i], data[2 + 2 * i]]);
// TODO: print the maximum number of meetings
