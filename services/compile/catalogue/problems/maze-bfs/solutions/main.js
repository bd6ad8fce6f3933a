const data = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
const n = Number(data[0]);
const m = Number(data[1]);
const grid = data.slice(2, 2 + n);
const dist = new Int32Array(n * m); // cell (r, c) is r * m + c
const queue = new Int32Array(n * m);
let head = 0;
let tail = 0;
dist[0] = 1;
queue[tail++] = 0;
while (head < tail) {
  const v = queue[head++];
  const r = Math.floor(v / m);
  const c = v % m;
  const next = [
    [r - 1, c],
    [r + 1, c],
    [r, c - 1],
    [r, c + 1],
  ];
  for (const [nr, nc] of next) {
    if (nr < 0 || nr >= n || nc < 0 || nc >= m) continue;
    const w = nr * m + nc;
    if (grid[nr][nc] !== '.' || dist[w]) continue;
    dist[w] = dist[v] + 1;
    queue[tail++] = w;
  }
}
console.log(dist[n * m - 1] || -1);
