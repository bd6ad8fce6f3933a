const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const n = Number(data[0]);
const counts = new Map();
for (let i = 1; i <= n; i++) counts.set(data[i], (counts.get(data[i]) || 0) + 1);
const items = [...counts.entries()];
items.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
console.log(items.map(([w, c]) => w + ' ' + c).join('\n'));
