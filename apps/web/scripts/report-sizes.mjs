// Prints every built asset with its gzip size, and the JavaScript the lobby loads before any lazy
// chunk (index.html's entry and its static imports), checked against the 300 KB budget.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const BUDGET_KB = 300;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const files = readdirSync(join(dist, 'assets')).filter((f) => !f.endsWith('.map'));
const rows = files
  .map((f) => ({ file: `assets/${f}`, raw: statSync(join(dist, 'assets', f)).size, gzip: gz(`assets/${f}`) }))
  .sort((a, b) => b.gzip - a.gzip);
console.log('\nasset sizes (raw / gzip):');
for (const row of rows.filter((r) => /\.(js|css)$/.test(r.file))) {
  console.log(`  ${row.file.padEnd(48)} ${kb(row.raw).padStart(10)} ${kb(row.gzip).padStart(10)}`);
}
const fonts = rows.filter((r) => !/\.(js|css)$/.test(r.file));
console.log(
  `  ${`${fonts.length} KaTeX font files (loaded only by statements with math)`.padEnd(48)} ${kb(fonts.reduce((s, r) => s + r.raw, 0)).padStart(10)}`,
);

const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(Object.keys(manifest).find((key) => manifest[key] === entry));
const initialGzip = [...initial].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);
console.log(
  `\ninitial JavaScript of the lobby (entry + static imports): ${kb(initialGzip)} gzip (budget ${BUDGET_KB} KB)`,
);
if (initialGzip > BUDGET_KB * 1024) {
  console.error('over budget');
  process.exit(1);
}
