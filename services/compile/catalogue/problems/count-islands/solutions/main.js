const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const n = Number(data[0]);
const m = Number(data[1]);
const land = new Uint8Array(n * m); // cell (r, c) is r * m + c
for (let r = 0; r < n; r++) {
  for (let c = 0; c < m; c++) land[r * m + c] = data[2 + r][c] === '#' ? 1 : 0;
}
const stack = new Int32Array(n * m);
let islands = 0;
for (let s = 0; s < n * m; s++) {
  if (!land[s]) continue;
  islands++;
  land[s] = 0;
  let top = 0;
  stack[top++] = s;
  while (top > 0) {
    // iterative DFS
    const v = stack[--top];
    const r = Math.floor(v / m);
    const c = v % m;
    if (r > 0 && land[v - m]) {
      land[v - m] = 0;
      stack[top++] = v - m;
    }
    if (r < n - 1 && land[v + m]) {
      land[v + m] = 0;
      stack[top++] = v + m;
    }
    if (c > 0 && land[v - 1]) {
      land[v - 1] = 0;
      stack[top++] = v - 1;
    }
    if (c < m - 1 && land[v + 1]) {
      land[v + 1] = 0;
      stack[top++] = v + 1;
    }
  }
}
console.log(islands);
