import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '@corazy/contracts';
import { freePort } from '@corazy/service-kit/testing';

/**
 * `npm start`'s process (main.ts) on an embedded data folder of its own, as a user runs it: one
 * instance per folder, a clear line when the folder is taken or damaged, backups only while stopped.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EMBEDDED = { DATABASE_URL: '', REDIS_URL: '', AMQP_URL: '', LOG_LEVEL: 'warn' };

let workDir: string;
let dataDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'corazy-instances-'));
  dataDir = join(workDir, 'pglite');
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Run {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(entry: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...EMBEDDED, HOST: '', CORAZY_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    process: child,
    output: () => output,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

const start = (port: number) => run('apps/all-in-one/src/main.ts', [], { PORT: String(port) });

function dataCli(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'apps/all-in-one/src/data-cli.ts', ...args],
    { cwd: ROOT, env: { ...process.env, CORAZY_DATA_DIR: dataDir }, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function untilHealthy(url: string, instance: Run) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null) throw new Error(`exited early:\n${instance.output()}`);
    if (
      await fetch(`${url}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not healthy:\n${instance.output()}`);
}

const guest = async (url: string) =>
  Session.parse(
    await (
      await fetch(`${url}/api/auth/guest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nickname: `inst${Math.floor(Math.random() * 1e6)}` }),
      })
    ).json(),
  );
const refresh = (url: string, session: Session) =>
  fetch(`${url}/api/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });

/** Every file's size and modification time below `dir`: what "untouched" means here. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { size, mtimeMs } = statSync(path);
    files[path] = `${size}:${mtimeMs}`;
  }
  return files;
}

describe('one instance per data folder', () => {
  it('serves 127.0.0.1 only by default; a second start on the folder says who has it and touches nothing; backups wait for the stop; a restore brings the data back', async () => {
    const port = await freePort();
    const first = start(port);
    const url = `http://127.0.0.1:${port}`;
    try {
      await untilHealthy(url, first);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && !address.internal && address.family === 'IPv4');
      if (external) {
        const reached = await fetch(`http://${external.address}:${port}/healthz`).then(
          () => true,
          () => false,
        );
        expect(reached).toBe(false);
      }
      const kept = await guest(url);

      const before = snapshot(dataDir);
      const second = start(await freePort());
      expect(await second.exited).toBe(1);
      const lines = second.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`pid ${first.process.pid}`);
      expect(lines[0]).toContain(`:${port}`);
      expect(snapshot(dataDir)).toEqual(before);

      const refused = dataCli('backup');
      expect(refused.status).toBe(1);
      expect(refused.output).toContain(`pid ${first.process.pid}`);

      first.process.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const backup = join(workDir, 'backup');
      const backedUp = dataCli('backup', backup);
      expect(backedUp.output).toContain('backed up');
      expect(backedUp.status).toBe(0);

      // After the backup: a guest whose sign-in the restore will undo.
      const again = start(port);
      await untilHealthy(url, again);
      const lost = await guest(url);
      again.process.kill('SIGTERM');
      expect(await again.exited).toBe(0);

      const restored = dataCli('restore', backup);
      expect(restored.status).toBe(0);
      const afterRestore = start(port);
      try {
        await untilHealthy(url, afterRestore);
        expect((await refresh(url, kept)).status).toBe(200);
        expect((await refresh(url, lost)).status).toBe(401);
      } finally {
        afterRestore.process.kill('SIGTERM');
        await afterRestore.exited;
      }
    } finally {
      first.process.kill('SIGKILL');
    }
  }, 600_000);

  it('says in one line what to do when the embedded database cannot be opened', async () => {
    const damaged = join(workDir, 'damaged');
    mkdirSync(damaged, { recursive: true });
    writeFileSync(join(damaged, 'PG_VERSION'), 'not a version\n');
    mkdirSync(join(damaged, 'global'));
    writeFileSync(join(damaged, 'global', 'pg_control'), Buffer.alloc(8192, 0xff));
    const broken = run('apps/all-in-one/src/main.ts', [], {
      PORT: String(await freePort()),
      CORAZY_DATA_DIR: damaged,
    });
    expect(await broken.exited).toBe(1);
    const lines = broken.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^✗ cannot open the embedded database in .*data:restore/);
    expect(broken.output().length).toBeLessThan(2_000);
  }, 120_000);
});
