const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
const n = data[0];
const h = data.slice(1, 1 + n);
h.push(0); // flushes the stack
const stack = []; // indices of bars with increasing heights
let best = 0n;
for (let i = 0; i <= n; i++) {
  while (stack.length && h[stack[stack.length - 1]] >= h[i]) {
    const height = h[stack.pop()];
    const left = stack.length ? stack[stack.length - 1] + 1 : 0;
    // height * width can exceed 2^53, so multiply as BigInt
    const area = BigInt(height) * BigInt(i - left);
    if (area > best) best = area;
  }
  stack.push(i);
}
console.log(best.toString());
