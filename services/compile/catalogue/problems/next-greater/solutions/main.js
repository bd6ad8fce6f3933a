const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const a = data.slice(1, 1 + n);
const answer = new Array(n).fill(-1);
const stack = []; // indices still waiting for a greater element
for (let i = 0; i < n; i++) {
  while (stack.length && a[stack[stack.length - 1]] < a[i]) answer[stack.pop()] = a[i];
  stack.push(i);
}
console.log(answer.join(' '));
