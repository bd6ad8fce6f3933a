import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { SandboxInternalError } from './errors.js';
import { CappedBuffer, signalName } from './run-support.js';

/**
 * The worker side of the helper's `serve` mode (native/helper.c): one small root process per slot that forks each
 * run's process. A Node `spawn` copies the worker's whole address space and then execs, ~2 ms of CPU per run,
 * as much as everything else the sandbox does; the fork server forks a static process of a few hundred KB instead.
 *
 * A run's pipes are made by the server. The worker opens its ends at /proc/SERVER/fd/N, which for a pipe yields
 * the same pipe, and then tells the server to close its copies, so that end-of-file means what it should.
 */

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServedProcess {
  readonly pid: number;
  readonly stdin: Socket;
  readonly stdout: Socket;
  readonly stderr: Socket;
  /** The helper's status: `{"warm":true}` once in its cgroups, `{"child-pid": N}` once the program starts. */
  readonly status: Socket;
  /** The run's remaining options and program, as NUL-terminated strings; end() sends them. */
  readonly args: Socket;
  /** Resolves once the server reaped the process; rejects if the server died first. */
  readonly exited: Promise<ProcessExit>;
  hasExited(): boolean;
  /** SIGKILL, by the server, which can do it race-free: the PID of an unreaped child is never reused. */
  kill(): void;
  /** Closes the worker's ends of all five pipes. */
  closePipes(): void;
}

interface PendingSpawn {
  resolve(process: ServedProcess): void;
  reject(error: Error): void;
}

interface PendingRequest {
  resolve(): void;
  reject(error: Error): void;
}

interface RunningProcess {
  resolveExit(exit: ProcessExit): void;
  rejectExit(error: Error): void;
  exited: boolean;
}

/** The pipes' order in the server's "forked" event and in its fd table. */
const PIPE_NAMES = ['stdin', 'stdout', 'stderr', 'status', 'args'] as const;
const WORKER_WRITES = new Set<(typeof PIPE_NAMES)[number]>(['stdin', 'args']);

export class ForkServer {
  private readonly pendingSpawns = new Map<number, PendingSpawn>();
  private readonly running = new Map<number, RunningProcess>();
  private readonly pendingRequests = new Map<number, PendingRequest>();
  private readonly diagnostics = new CappedBuffer(8192);
  private nextToken = 1;
  private lineBuffer = '';
  private failure: Error | null = null;
  private readonly stopped: Promise<void>;
  /** Its PID, reported once it joined the slot's network namespace and serves. */
  private serverPid = 0;
  private markReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.onEvents(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.diagnostics.push(chunk));
    child.stdin?.on('error', () => undefined);
    child.once('error', (error) => this.fail(error));
    this.stopped = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.fail(
          new SandboxInternalError(
            `the sandbox fork server stopped (${signal ?? `exit ${code}`}): ${this.diagnostics.text().trim()}`,
          ),
        );
        resolve();
      });
    });
  }

  /**
   * Starts a server whose runs all share the network namespace open at `networkFd` (or, without one, get a new one
   * each). `serveArguments` are the helper's options common to every run (engine, read-only paths, uid, gid).
   */
  static async start(
    helperPath: string,
    serveArguments: readonly string[],
    networkFd?: number,
  ): Promise<ForkServer> {
    const child = spawn(
      helperPath,
      ['serve', ...(networkFd === undefined ? [] : ['--netns-fd', '3']), ...serveArguments],
      { stdio: ['pipe', 'pipe', 'pipe', networkFd ?? 'ignore'], env: {}, cwd: '/' },
    );
    const server = new ForkServer(child);
    await Promise.race([
      server.ready,
      server.stopped.then(() => {
        throw server.failure ?? new SandboxInternalError('the sandbox fork server stopped');
      }),
    ]);
    return server;
  }

  get alive(): boolean {
    return this.failure === null;
  }

  /** A new run process, joining the given cgroups (cgroup.procs files) and then waiting for its arguments. */
  spawn(cgroupProcsFiles: readonly string[]): Promise<ServedProcess> {
    if (this.failure) return Promise.reject(this.failure);
    const token = this.nextToken++;
    return new Promise<ServedProcess>((resolve, reject) => {
      this.pendingSpawns.set(token, { resolve, reject });
      this.send(['spawn', String(token), ...cgroupProcsFiles]);
    });
  }

  /**
   * Mounts a workspace tmpfs at `dir` (root's, mode 0777, nosuid, nodev, nosymfollow). The server does it with one
   * system call where a Node spawn of the helper would cost ~2 ms of CPU (~17 ms on a slow machine).
   */
  mountWorkspace(dir: string, bytes: number, inodes: number): Promise<void> {
    return this.request(['mount', dir, String(bytes), String(inodes)]);
  }

  /** Detaches a workspace tmpfs without following a symlink at `dir`. */
  unmountWorkspace(dir: string): Promise<void> {
    return this.request(['unmount', dir]);
  }

  private request(fields: readonly [string, ...string[]]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const token = this.nextToken++;
    const [command, ...rest] = fields;
    return new Promise<void>((resolve, reject) => {
      this.pendingRequests.set(token, { resolve, reject });
      this.send([command, String(token), ...rest]);
    });
  }

  /** Stops the server; runs still in flight are killed by it. */
  async close(): Promise<void> {
    this.child.stdin?.end();
    await this.stopped;
  }

  private send(fields: readonly string[]): void {
    this.child.stdin?.write(`${fields.join('\0')}\0\0`);
  }

  private onEvents(chunk: string): void {
    this.lineBuffer += chunk;
    for (let newline = this.lineBuffer.indexOf('\n'); newline >= 0; newline = this.lineBuffer.indexOf('\n')) {
      const line = this.lineBuffer.slice(0, newline);
      this.lineBuffer = this.lineBuffer.slice(newline + 1);
      this.onEvent(line.split(' '));
    }
  }

  private onEvent([kind, tokenText, ...rest]: string[]): void {
    const token = Number(tokenText);
    if (kind === 'ready') {
      this.serverPid = token;
      this.markReady();
    } else if (kind === 'forked') {
      const pending = this.pendingSpawns.get(token);
      this.pendingSpawns.delete(token);
      this.onForked(token, Number(rest[0]), rest.slice(1).map(Number), pending);
    } else if (kind === 'spawn-failed') {
      const pending = this.pendingSpawns.get(token);
      this.pendingSpawns.delete(token);
      pending?.reject(new SandboxInternalError(`the fork server could not start a run: ${rest.join(' ')}`));
    } else if (kind === 'done' || kind === 'failed') {
      const request = this.pendingRequests.get(token);
      this.pendingRequests.delete(token);
      if (kind === 'done') request?.resolve();
      else request?.reject(new SandboxInternalError(rest.join(' ')));
    } else if (kind === 'exited') {
      const process = this.running.get(token);
      this.running.delete(token);
      if (!process) return;
      process.exited = true;
      const number = Number(rest[1]);
      process.resolveExit(
        rest[0] === 'code'
          ? { code: number, signal: null }
          : { code: null, signal: (signalName(number) as NodeJS.Signals | null) ?? 'SIGKILL' },
      );
    }
  }

  private onForked(token: number, pid: number, serverFds: number[], pending: PendingSpawn | undefined): void {
    const sockets: Socket[] = [];
    try {
      for (const [index, name] of PIPE_NAMES.entries()) {
        const writes = WORKER_WRITES.has(name);
        const access = writes ? fsConstants.O_WRONLY : fsConstants.O_RDONLY;
        const fd = openSync(
          `/proc/${this.serverPid}/fd/${serverFds[index]}`,
          access | fsConstants.O_NONBLOCK,
        );
        sockets.push(new Socket({ fd, readable: !writes, writable: writes }));
      }
    } catch (error) {
      for (const socket of sockets) socket.destroy();
      this.send(['kill', String(token)]);
      this.send(['release', String(token)]);
      pending?.reject(
        new SandboxInternalError(`cannot open a run's pipes: ${(error as Error).message}`, { cause: error }),
      );
      return;
    }
    // Always released, even when nobody waits for this process any more: the server keeps the descriptor numbers
    // until then, so that a later run's pipes can never take them while they are being opened here.
    this.send(['release', String(token)]);
    const [stdin, stdout, stderr, status, args] = sockets as [Socket, Socket, Socket, Socket, Socket];
    const state: RunningProcess = {
      resolveExit: () => undefined,
      rejectExit: () => undefined,
      exited: false,
    };
    const exited = new Promise<ProcessExit>((resolve, reject) => {
      state.resolveExit = resolve;
      state.rejectExit = reject;
    });
    // A discarded process must not crash the worker with an unhandled rejection.
    exited.catch(() => undefined);
    this.running.set(token, state);
    const served: ServedProcess = {
      pid,
      stdin,
      stdout,
      stderr,
      status,
      args,
      exited,
      hasExited: () => state.exited || this.failure !== null,
      kill: () => {
        if (!state.exited && this.failure === null) this.send(['kill', String(token)]);
      },
      closePipes: () => {
        for (const socket of sockets) socket.destroy();
      },
    };
    if (pending) {
      pending.resolve(served);
    } else {
      served.kill();
      served.closePipes();
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pendingSpawns.values()) pending.reject(error);
    this.pendingSpawns.clear();
    for (const process of this.running.values()) process.rejectExit(error);
    this.running.clear();
    for (const request of this.pendingRequests.values()) request.reject(error);
    this.pendingRequests.clear();
  }
}
