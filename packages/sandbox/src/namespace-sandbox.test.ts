import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidWorkspaceFileError } from './errors.js';
import { PYTHON_PATH } from './languages.js';
import { NAMESPACE_ENGINES } from './namespace-engines.js';
import { NamespaceSandbox } from './namespace-sandbox.js';
import type { RunLimits } from './types.js';

const LIMITS: RunLimits = {
  cpuMs: 2000,
  wallMs: 5000,
  memoryBytes: 128 * 1024 * 1024,
  processes: 16,
  outputBytes: 1024 * 1024,
  fileSizeBytes: 1024 * 1024,
};

/** PIDs of the processes whose parent is `parent`, from /proc. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // Field 4 of /proc/PID/stat, after the command name in parentheses (which may hold spaces).
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function descendantsOf(ancestor: number): number[] {
  return childrenOf(ancestor).flatMap((pid) => [pid, ...descendantsOf(pid)]);
}

function commandOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function forkServersOf(parent: number): number[] {
  return childrenOf(parent).filter((pid) => commandOf(pid)[1] === 'serve');
}

async function waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(NAMESPACE_ENGINES)('namespace sandbox, %s engine', (engine) => {
  const sandbox = new NamespaceSandbox({ concurrency: 2, engine });

  beforeAll(async () => {
    const probe = await sandbox.probe();
    expect(probe.problems).toEqual([]);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('reports where it runs: the engine, the helper and the cgroup version', async () => {
    const probe = await sandbox.probe();
    expect(probe.available).toBe(true);
    expect(probe.details.engine).toBe(engine);
    expect(probe.details.helper).toMatch(/corazy-sandbox-helper$/);
    expect([1, 2]).toContain(probe.details.cgroupVersion);
  });

  it('runs a program in /box as an unprivileged user with stdin, stdout, stderr and exit code', async () => {
    const result = await sandbox.run({
      command: [
        PYTHON_PATH,
        '-c',
        'import os,sys\nprint(os.getcwd(), os.getuid(), sys.stdin.read().upper())\nsys.stderr.write("warn")\nsys.exit(3)',
      ],
      stdin: 'hello',
      limits: LIMITS,
    });
    expect(result.stdout).toMatch(/^\/box 6000[01] HELLO\n$/);
    expect(result.stderr).toBe('warn');
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.limitHit).toBeNull();
    expect(result.cpuMs).toBeGreaterThan(0);
    expect(result.peakMemoryBytes).toBeGreaterThan(1024 * 1024);
  });

  it('runs the programs of two slots at once as two different users', async () => {
    const whoAmI = () =>
      sandbox.run({
        command: [PYTHON_PATH, '-c', 'import os,time\ntime.sleep(0.3)\nprint(os.getuid(), os.getgid())'],
        limits: LIMITS,
      });
    const [first, second] = await Promise.all([whoAmI(), whoAmI()]);
    const ids = [first.stdout, second.stdout].map((line) => line.trim()).sort();
    expect(ids).toEqual(['60000 60000', '60001 60001']);
  });

  it('reports the signal that killed the program', async () => {
    const result = await sandbox.run({
      command: [PYTHON_PATH, '-c', 'import os; os.abort()'],
      limits: LIMITS,
    });
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGABRT');
  });

  it('compiles once into a workspace and runs the artifact many times', async () => {
    const workspace = await sandbox.createWorkspace();
    try {
      await sandbox.writeFiles(workspace, [
        {
          name: 'main.c',
          content:
            '#include <stdio.h>\nint main(void){int x; scanf("%d",&x); printf("%d\\n", x*x); return 0;}\n',
        },
      ]);
      const compiled = await sandbox.run({
        command: ['/usr/bin/gcc', '-O2', '-o', 'main', 'main.c'],
        workspace,
        workspaceWritable: true,
        limits: { ...LIMITS, memoryBytes: 512 * 1024 * 1024, processes: 32, fileSizeBytes: 64 * 1024 * 1024 },
      });
      expect(compiled.exitCode).toBe(0);
      const outputs = await Promise.all(
        [2, 3, 4].map((x) =>
          sandbox.run({ command: ['./main'], workspace, stdin: `${x}\n`, limits: LIMITS }),
        ),
      );
      expect(outputs.map((output) => output.stdout)).toEqual(['4\n', '9\n', '16\n']);
    } finally {
      await sandbox.destroyWorkspace(workspace);
    }
  });

  it('refuses workspace file names that could point outside the workspace', async () => {
    const workspace = await sandbox.createWorkspace();
    try {
      for (const name of ['../escape', '/etc/passwd', 'dir/file', '.hidden', '']) {
        await expect(sandbox.writeFiles(workspace, [{ name, content: 'x' }])).rejects.toBeInstanceOf(
          InvalidWorkspaceFileError,
        );
      }
    } finally {
      await sandbox.destroyWorkspace(workspace);
    }
  });

  it('never writes through or deletes through a symlink user code planted in the workspace', async () => {
    const outside = join(tmpdir(), `corazy-symlink-target-${process.pid}`);
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'precious'), 'host data');
    const workspace = await sandbox.createWorkspace();
    try {
      const planted = await sandbox.run({
        command: [
          PYTHON_PATH,
          '-c',
          `import os\nos.symlink(${JSON.stringify(join(outside, 'precious'))}, "input.txt")\nos.symlink(${JSON.stringify(outside)}, "dir")\nprint("planted")`,
        ],
        workspace,
        workspaceWritable: true,
        limits: LIMITS,
      });
      expect(planted.stdout).toBe('planted\n');
      // The worker now writes a file under the planted name: the link is replaced, the host file untouched.
      await sandbox.writeFiles(workspace, [{ name: 'input.txt', content: 'test input' }]);
      expect(readFileSync(join(outside, 'precious'), 'utf8')).toBe('host data');
      const read = await sandbox.run({ command: ['/bin/cat', 'input.txt'], workspace, limits: LIMITS });
      expect(read.stdout).toBe('test input');
    } finally {
      await sandbox.destroyWorkspace(workspace);
    }
    // Destroying the workspace did not follow "dir" into the host directory.
    expect(readFileSync(join(outside, 'precious'), 'utf8')).toBe('host data');
    rmSync(outside, { recursive: true });
  });

  it('keeps the workspace within its tmpfs size', async () => {
    const small = new NamespaceSandbox({ concurrency: 1, engine, workspaceBytes: 4 * 1024 * 1024 });
    try {
      const result = await small.run({
        command: [
          PYTHON_PATH,
          '-c',
          'try:\n    open("big", "wb").write(b"x" * (8 << 20))\nexcept OSError as e:\n    print(e.errno)',
        ],
        limits: { ...LIMITS, fileSizeBytes: 64 * 1024 * 1024 },
      });
      expect(result.stdout.trim()).toBe('28');
    } finally {
      await small.close();
    }
  });

  it('fails a run whose fork server dies with an internal error, and starts a new server for the next', async () => {
    const others = forkServersOf(process.pid);
    const own = new NamespaceSandbox({ concurrency: 1, engine });
    try {
      await own.probe();
      const running = own.run({ command: ['/bin/sleep', '30'], limits: LIMITS });
      const [server] = await waitFor(
        () => forkServersOf(process.pid).filter((pid) => !others.includes(pid)),
        (pids) => pids.length > 0,
      );
      // Only once the program runs is the run bound to this server (a warm helper that dies is just replaced).
      await waitFor(
        () => descendantsOf(Number(server)),
        (pids) => pids.some((pid) => commandOf(pid)[0] === '/bin/sleep'),
      );
      process.kill(Number(server), 'SIGKILL');
      await expect(running).rejects.toThrow(/fork server stopped/);
      const next = await own.run({ command: ['/bin/echo', 'again'], limits: LIMITS });
      expect(next.stdout).toBe('again\n');
    } finally {
      await own.close();
    }
  });

  it('stops its fork servers and their processes on close', async () => {
    const others = forkServersOf(process.pid);
    const own = new NamespaceSandbox({ concurrency: 2, engine });
    await own.probe();
    await own.run({ command: ['/bin/true'], limits: LIMITS });
    const servers = forkServersOf(process.pid).filter((pid) => !others.includes(pid));
    expect(servers.length).toBeGreaterThan(0);
    await own.close();
    for (const pid of servers) expect(existsSync(`/proc/${pid}`)).toBe(false);
  });

  it('removes its workspaces and cgroups on close', async () => {
    const other = new NamespaceSandbox({
      concurrency: 1,
      engine,
      workRoot: join(tmpdir(), `corazy-close-${process.pid}-${engine}`),
    });
    const probe = await other.probe();
    const workspace = await other.createWorkspace();
    await other.close();
    expect(existsSync(join(tmpdir(), `corazy-close-${process.pid}-${engine}`, workspace.id))).toBe(false);
    expect(existsSync(String(probe.details.cgroupBase))).toBe(false);
  });
});
