const lines = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const t = Number(lines[0]);
const match = { ')': '(', ']': '[', '}': '{' };
const balanced = (s) => {
  const stack = [];
  for (const c of s) {
    if (c in match) {
      if (stack.length === 0 || stack.pop() !== match[c]) return false;
    } else {
      stack.push(c);
    }
  }
  return stack.length === 0;
};
const out = [];
for (let i = 1; i <= t; i++) out.push(balanced(lines[i]) ? 'YES' : 'NO');
console.log(out.join('\n'));
