// Helpers for the two quick-start commands; Node built-ins only, since they run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command in the repository root, inheriting the terminal; exits on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

/** `npm ci` on a fresh clone, and again whenever package-lock.json changed since the last install. */
export function ensureDependencies() {
  const installed = `${root}/node_modules/.package-lock.json`;
  if (existsSync(installed) && statSync(`${root}/package-lock.json`).mtimeMs <= statSync(installed).mtimeMs)
    return;
  console.log('→ installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Compiles every workspace to dist/ (incremental: fast when little changed). */
export function build() {
  console.log('→ building…');
  run(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-b']);
}

/** Runs a long-lived child, passing SIGINT/SIGTERM on, and exits with its code. */
export function runForeground(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Newest modification time of any file below `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the web app (Vite) when its build is missing or older than its sources. */
export function buildWebApp() {
  const web = `${root}/apps/web`;
  const built = `${web}/dist/index.html`;
  const sources = Math.max(
    newest(`${web}/src`),
    statSync(`${web}/index.html`).mtimeMs,
    statSync(`${web}/package.json`).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('→ building the web app…');
  run('npm', ['run', '--silent', 'build', '-w', '@corazy/web']);
}
