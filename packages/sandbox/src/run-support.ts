import { constants as osConstants } from 'node:os';
import { InvalidWorkspaceFileError } from './errors.js';
import type { LimitHit, RunLimits, WorkspaceFile } from './types.js';

/** Environment every sandboxed program gets; nothing of the worker's own environment (secrets) leaks in. */
export const SANDBOX_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: '/tmp',
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
};

/** Where the workspace appears inside the sandbox, for both backends. */
export const SANDBOX_WORKDIR = '/box';

const MAX_STDERR_KEPT = 64 * 1024;

export function effectiveStackBytes(limits: RunLimits): number {
  return limits.stackBytes ?? Math.min(limits.memoryBytes, 1024 * 1024 * 1024);
}

export function effectiveOpenFiles(limits: RunLimits): number {
  return limits.openFiles ?? 256;
}

/** rlimits as "name=soft:hard" for the native helper. */
export function rlimitArguments(limits: RunLimits, cpuSlackSeconds = 1): string[] {
  // RLIMIT_CPU counts whole seconds per process. Where a cgroup watchdog enforces the real limit it is only a
  // backstop (one second of slack); the Docker backend has no watchdog and uses it as the limit itself.
  const cpuSeconds = Math.ceil(limits.cpuMs / 1000) + cpuSlackSeconds;
  const stack = effectiveStackBytes(limits);
  const openFiles = effectiveOpenFiles(limits);
  return [
    `cpu=${cpuSeconds}:${cpuSeconds + 1}`,
    `fsize=${limits.fileSizeBytes}:${limits.fileSizeBytes}`,
    `nofile=${openFiles}:${openFiles}`,
    `stack=${stack}:${stack}`,
    'core=0:0',
    'memlock=0:0',
    'msgqueue=0:0',
  ].flatMap((limit) => ['--rlimit', limit]);
}

const SAFE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

export function validateWorkspaceFiles(files: readonly WorkspaceFile[]): void {
  for (const file of files) {
    if (!SAFE_FILE_NAME.test(file.name)) {
      throw new InvalidWorkspaceFileError(
        `workspace file name ${JSON.stringify(file.name)} must be a plain name (letters, digits, ".", "_", "-")`,
      );
    }
  }
}

export function toBuffer(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

export function signalName(signalNumber: number): string | null {
  for (const [name, value] of Object.entries(osConstants.signals)) {
    if (value === signalNumber) return name;
  }
  return null;
}

/**
 * Keeps at most `keepBytes` of a stream while counting everything, so a flood costs memory only up to the cap.
 */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly keepBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.keepBytes - this.kept;
    if (room <= 0) return;
    const slice = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(slice);
    this.kept += slice.length;
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  text(): string {
    return this.bytes().toString('utf8');
  }
}

export function stdoutKeepBytes(limits: RunLimits): number {
  return limits.outputBytes;
}

export function stderrKeepBytes(limits: RunLimits): number {
  return Math.min(limits.outputBytes, MAX_STDERR_KEPT);
}

/** Exit status that the sandbox machinery (not the program) failed; the helper uses it for setup errors. */
export const HELPER_FAILURE_EXIT_CODE = 127;
export const HELPER_FAILURE_PREFIX = 'corazy-sandbox-helper:';

/**
 * Decides which limit ended a run. A kill the parent made itself (wall, cpu, output) is the most direct
 * evidence; then the kernel's counters; then the signals rlimits deliver.
 */
export function classifyLimit(input: {
  killedFor: LimitHit | null;
  oomKilled: boolean;
  cpuMs: number;
  limits: RunLimits;
  signal: string | null;
  processLimitHit: boolean;
}): LimitHit | null {
  if (input.killedFor) return input.killedFor;
  if (input.oomKilled) return 'memory';
  if (input.cpuMs > input.limits.cpuMs || input.signal === 'SIGXCPU') return 'cpu';
  if (input.signal === 'SIGXFSZ') return 'fileSize';
  if (input.processLimitHit) return 'processes';
  return null;
}
