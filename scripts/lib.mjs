// Helpers for the two quick-start commands; Node built-ins only, since they run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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
