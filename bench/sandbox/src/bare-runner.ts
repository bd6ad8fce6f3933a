import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SANDBOX_ENV,
  type ProbeResult,
  type RunResult,
  type RunSpec,
  type Sandbox,
  type Workspace,
  type WorkspaceFile,
} from '@corazy/sandbox';

/**
 * UNSAFE: runs programs as plain child processes, with no isolation and no limits except a wall-clock kill.
 * It exists only as the benchmark's baseline ("bare") and lives here, not in @corazy/sandbox, so the worker
 * cannot pick it up.
 */
export class BareRunner implements Sandbox {
  readonly backend = 'namespace' as const;
  readonly concurrency = availableParallelism();
  private readonly dirs = new Map<string, string>();

  async probe(): Promise<ProbeResult> {
    return { backend: 'namespace', available: true, problems: [], remedies: [], details: { bare: true } };
  }

  async createWorkspace(): Promise<Workspace> {
    const id = randomUUID();
    this.dirs.set(id, await mkdtemp(join(tmpdir(), 'corazy-bare-')));
    return { id, backend: 'namespace' };
  }

  async writeFiles(workspace: Workspace, files: readonly WorkspaceFile[]): Promise<void> {
    const dir = this.dirs.get(workspace.id) as string;
    for (const file of files) {
      await writeFile(join(dir, file.name), file.content);
      if (file.executable) await chmod(join(dir, file.name), 0o755);
    }
  }

  async run(spec: RunSpec): Promise<RunResult> {
    const dir = this.dirs.get(spec.workspace?.id ?? '') as string;
    const started = performance.now();
    const [command = '', ...args] = spec.command;
    // As in the sandbox: its environment, and a new session (with autogroup scheduling, a CPU share of its own).
    const child = spawn(command, args, {
      cwd: dir,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...SANDBOX_ENV },
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end(spec.stdin);
    const timer = setTimeout(() => child.kill('SIGKILL'), spec.limits.wallMs);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    clearTimeout(timer);
    return {
      exitCode: code,
      signal,
      cpuMs: 0,
      wallMs: performance.now() - started,
      peakMemoryBytes: 0,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      stdoutBytes: Buffer.concat(stdout),
      stderrBytes: Buffer.concat(stderr),
      stdoutTruncated: false,
      stderrTruncated: false,
      limitHit: null,
    };
  }

  async destroyWorkspace(workspace: Workspace): Promise<void> {
    const dir = this.dirs.get(workspace.id);
    this.dirs.delete(workspace.id);
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    for (const id of [...this.dirs.keys()]) await this.destroyWorkspace({ id, backend: 'namespace' });
  }
}
