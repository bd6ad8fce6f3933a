import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants as fsConstants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { detectCgroups, type CgroupManager, type CgroupOptions, type RunCgroup } from './cgroups.js';
import { SandboxInternalError, SandboxUnavailableError } from './errors.js';
import {
  createNamespaceEngine,
  type NamespaceEngine,
  type NamespaceEngineName,
} from './namespace-engines.js';
import { ForkServer, type ProcessExit, type ServedProcess } from './fork-server.js';
import { DEFAULT_HELPER_PATH, ensureHelper } from './native-helper.js';
import {
  CappedBuffer,
  classifyLimit,
  HELPER_FAILURE_EXIT_CODE,
  HELPER_FAILURE_PREFIX,
  rlimitArguments,
  SANDBOX_ENV,
  signalName,
  stderrKeepBytes,
  stdoutKeepBytes,
  toBuffer,
  validateWorkspaceFiles,
} from './run-support.js';
import { SlotPool } from './slot-pool.js';
import type {
  LimitHit,
  ProbeResult,
  RunResult,
  RunSpec,
  Sandbox,
  Workspace,
  WorkspaceFile,
} from './types.js';

const execFileAsync = promisify(execFile);

/** Host paths bound read-only into every sandbox when they exist: the toolchains and what the dynamic loader needs. */
export const DEFAULT_READ_ONLY_PATHS: readonly string[] = [
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/lib32',
  '/libx32',
  '/etc/alternatives',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  // The JDK's conf/ directory is a set of symlinks into /etc/java-<version>-openjdk.
  '/etc/java-17-openjdk',
];

export interface NamespaceSandboxOptions {
  /** Runs executed at once (default: the number of CPUs). */
  concurrency?: number;
  /**
   * First of the unprivileged uids/gids programs run as (default 60000): slot k's programs run as sandboxUid + k, so
   * two runs at once are never the same user to the kernel (per-user limits such as inotify instances, and signal
   * permissions, never connect them). None of sandboxUid .. sandboxUid + concurrency - 1 may own anything on the host.
   */
  sandboxUid?: number;
  sandboxGid?: number;
  helperPath?: string;
  /** Who builds each run's namespaces and file system (default native; see namespace-engines.ts). */
  engine?: NamespaceEngineName;
  /** The bubblewrap engine's bwrap (default: found on PATH). */
  bwrapPath?: string;
  /** Directory (root-only) where workspace tmpfs mounts are made. */
  workRoot?: string;
  /** Size of a workspace tmpfs: source, artifacts, anything compilation writes. */
  workspaceBytes?: number;
  workspaceInodes?: number;
  /** Size of each run's private /tmp and /dev/shm. */
  tmpBytes?: number;
  readOnlyPaths?: readonly string[];
  cgroup?: CgroupOptions;
  /**
   * Give each slot one empty network namespace made at startup instead of a new one per run. Saves ~0.5-1 ms per
   * run; safe because a slot runs one program at a time and every process of a run is dead before the slot is
   * reused. The loopback interface stays down, so even 127.0.0.1 is unreachable.
   */
  reuseNetworkNamespaces?: boolean;
}

interface NamespaceWorkspace extends Workspace {
  readonly dir: string;
}

/**
 * Helpers kept waiting per slot (see refillWarmProcesses). With one, a run's successor had only that run's duration
 * to join its cgroup: grading python tests two at a time, 6 % of runs waited for the join (median 10 ms); with two,
 * 0.5 %.
 */
const WARM_DEPTH = 2;

interface WarmProcess {
  helper: ServedProcess;
  cgroup: RunCgroup;
  /** The helper's status output: `"child-pid"` proves the sandbox was built and the program is starting. */
  status: CappedBuffer;
}

/** A slot's fork server: `server` once started, so that a dead one is noticed without waiting. */
interface ForkServerEntry {
  starting: Promise<ForkServer>;
  server?: ForkServer;
}

/** Resolves when a readable pipe has ended or closed, whatever the reason. */
function drained(stream: ServedProcess['stdout']): Promise<void> {
  return finished(stream, { writable: false }).catch(() => undefined);
}

interface ExecuteOutcome {
  result: RunResult;
  started: boolean;
}

/**
 * Creates a directory with at least MODE's permissions: an existing one (made by an instance of the other engine in
 * this process, or by an earlier worker) gains the traverse bits bubblewrap needs, never loses any.
 */
function ensureDirectory(path: string, mode: number): void {
  mkdirSync(path, { recursive: true, mode });
  const stats = lstatSync(path);
  const current = stats.mode & 0o777;
  if (stats.isDirectory() && (current & mode) !== mode) chmodSync(path, current | mode);
}

const DEFAULT_WORKSPACE_BYTES = 128 * 1024 * 1024;
const DEFAULT_TMP_BYTES = 64 * 1024 * 1024;

export class NamespaceSandbox implements Sandbox {
  readonly backend = 'namespace' as const;
  readonly concurrency: number;
  private readonly uid: number;
  private readonly gid: number;
  private readonly workRoot: string;
  private readonly ownerDir: string;
  private readonly rootDir: string;
  private readonly workspaceBytes: number;
  private readonly workspaceInodes: number;
  private readonly engine: NamespaceEngine;
  private readonly slots: SlotPool;
  private readonly workspaces = new Map<string, NamespaceWorkspace>();
  private helperPath: string;
  private cgroups: CgroupManager | null = null;
  private networkNamespaceFds: number[] = [];
  private probeResult: Promise<ProbeResult> | null = null;
  private forkServers: Array<ForkServerEntry | undefined> = [];
  /** Per slot, helpers already waiting in their cgroups for a run's arguments. */
  private warmProcesses: Array<Array<Promise<WarmProcess>>> = [];
  /** Cgroups of finished runs still being removed; close() waits for them. */
  private readonly pendingRemovals = new Set<Promise<void>>();

  constructor(private readonly options: NamespaceSandboxOptions = {}) {
    this.concurrency = options.concurrency ?? availableParallelism();
    this.uid = options.sandboxUid ?? 60000;
    this.gid = options.sandboxGid ?? this.uid;
    this.workRoot = options.workRoot ?? join(tmpdir(), 'corazy-sandbox');
    this.ownerDir = join(this.workRoot, String(process.pid));
    this.rootDir = join(this.ownerDir, 'root');
    this.workspaceBytes = options.workspaceBytes ?? DEFAULT_WORKSPACE_BYTES;
    this.workspaceInodes = options.workspaceInodes ?? 4096;
    this.engine = createNamespaceEngine(options.engine ?? 'native', {
      readOnlyPaths: options.readOnlyPaths ?? DEFAULT_READ_ONLY_PATHS,
      rootDir: this.rootDir,
      tmpBytes: options.tmpBytes ?? DEFAULT_TMP_BYTES,
      slotNetworkNamespaces: options.reuseNetworkNamespaces ?? true,
      bwrapPath: options.bwrapPath ?? 'bwrap',
    });
    this.helperPath = options.helperPath ?? DEFAULT_HELPER_PATH;
    this.slots = new SlotPool(this.concurrency);
  }

  probe(): Promise<ProbeResult> {
    this.probeResult ??= this.doProbe();
    return this.probeResult;
  }

  private async doProbe(): Promise<ProbeResult> {
    const result: ProbeResult = {
      backend: 'namespace',
      available: false,
      problems: [],
      remedies: [],
      details: {},
    };
    const fail = (problem: string, remedy: string): ProbeResult => {
      result.problems.push(problem);
      result.remedies.push(remedy);
      return result;
    };
    if (process.platform !== 'linux') return fail('not Linux', 'run the worker on Linux');
    if (process.getuid?.() !== 0) {
      return fail(
        'the worker is not root: it needs to create cgroups, mount workspace tmpfs and drop to the sandbox uid',
        'run the worker as root inside its own container (CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID), or use the docker backend',
      );
    }
    const helper = await ensureHelper(this.helperPath);
    if (helper.problem)
      return fail(
        helper.problem,
        'install gcc and libc6-dev, or run `npm run build:native -w packages/sandbox`',
      );
    this.helperPath = helper.path;
    result.details.helper = helper.path;
    const engine = await this.engine.prepare();
    if ('problem' in engine) return fail(engine.problem, engine.remedy);
    Object.assign(result.details, engine.details);

    const cgroups = await detectCgroups(this.options.cgroup);
    Object.assign(result.details, cgroups.details);
    if (!cgroups.manager) {
      result.problems.push(...cgroups.problems);
      result.remedies.push(...cgroups.remedies);
      return result;
    }
    this.cgroups = cgroups.manager;
    result.details.cgroup = cgroups.manager.description;

    try {
      // Root-owned and unlistable: only the worker and the engine walk it. Inside a sandbox it does not exist at all.
      ensureDirectory(this.workRoot, this.engine.directoryMode);
      const root = lstatSync(this.workRoot);
      if (!root.isDirectory() || root.uid !== 0 || (root.mode & 0o066) !== 0) {
        return fail(
          `${this.workRoot} must be a root-owned directory that others can neither list nor write (mode 0700 or 0711)`,
          `remove ${this.workRoot}, or set workRoot`,
        );
      }
      await this.sweepDeadOwners();
      ensureDirectory(this.ownerDir, this.engine.directoryMode);
      // Each run mounts its root tmpfs here, in its own mount namespace: the host never sees those mounts.
      mkdirSync(this.rootDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      return fail(
        `cannot create ${this.workRoot}: ${(error as Error).message}`,
        'set workRoot to a writable local directory',
      );
    }

    if (this.options.reuseNetworkNamespaces ?? true) {
      try {
        this.networkNamespaceFds = await Promise.all(
          Array.from({ length: this.concurrency }, () => this.createNetworkNamespace()),
        );
      } catch (error) {
        return fail(
          `cannot create network namespaces: ${(error as Error).message}`,
          'run as root (CAP_SYS_ADMIN)',
        );
      }
    }
    result.details.networkNamespaces = this.networkNamespaceFds.length > 0 ? 'per slot' : 'per run';

    // The only proof that it works here (namespaces, mounts, the uid change, seccomp) is to run something.
    try {
      const smoke = await this.executeTrusted(['/bin/sh', '-c', 'test ! -r /etc/shadow && echo ok']);
      if (!smoke.started || smoke.result.stdout.trim() !== 'ok') {
        return fail(
          `a trial run failed: ${smoke.result.stderr.trim() || `exit ${smoke.result.exitCode}`}`,
          this.engine.trialRemedy,
        );
      }
    } catch (error) {
      return fail(`a trial run failed: ${(error as Error).message}`, 'check the helper and cgroup setup');
    }
    result.available = true;
    return result;
  }

  /** An empty network namespace kept alive by an fd the worker holds; the holder process exits at once. */
  private async createNetworkNamespace(): Promise<number> {
    const holder = spawn(this.helperPath, ['hold-netns'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.once('error', reject);
        holder.once('exit', (code) => reject(new Error(`hold-netns exited with ${code}`)));
        holder.stdout.once('data', () => resolve());
      });
      const fd = openSync(`/proc/${holder.pid}/ns/net`, 'r');
      if (fstatSync(fd).ino === statSync('/proc/self/ns/net').ino) {
        closeSync(fd);
        throw new Error('the new network namespace is the worker’s own');
      }
      return fd;
    } finally {
      holder.kill('SIGKILL');
    }
  }

  private async ensureAvailable(): Promise<void> {
    const probe = await this.probe();
    if (!probe.available) throw new SandboxUnavailableError(probe);
  }

  async createWorkspace(): Promise<Workspace> {
    await this.ensureAvailable();
    return this.createWorkspaceUnchecked();
  }

  private async createWorkspaceUnchecked(): Promise<NamespaceWorkspace> {
    const id = randomUUID();
    const dir = join(this.ownerDir, id);
    mkdirSync(dir, { mode: this.engine.directoryMode });
    try {
      // Workspaces belong to no slot; slot 0's server mounts and unmounts them.
      await (await this.forkServer(0)).mountWorkspace(dir, this.workspaceBytes, this.workspaceInodes);
    } catch (error) {
      rmdirSync(dir);
      throw new SandboxInternalError(`cannot mount the workspace tmpfs: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const workspace: NamespaceWorkspace = { id, backend: 'namespace', dir };
    this.workspaces.set(id, workspace);
    return workspace;
  }

  private lookup(workspace: Workspace): NamespaceWorkspace {
    const found = this.workspaces.get(workspace.id);
    if (!found) throw new SandboxInternalError(`unknown or destroyed workspace ${workspace.id}`);
    return found;
  }

  async writeFiles(workspace: Workspace, files: readonly WorkspaceFile[]): Promise<void> {
    validateWorkspaceFiles(files);
    const { dir } = this.lookup(workspace);
    for (const file of files) {
      const path = join(dir, file.name);
      // A previous run may have left anything under this name, a symlink to a host file included: unlink (which
      // never follows links) and create exclusively without following.
      try {
        unlinkSync(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') throw new SandboxInternalError(`cannot replace ${file.name}: ${code}`);
      }
      const fd = openSync(
        path,
        fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW,
        file.executable ? 0o755 : 0o644,
      );
      try {
        const content = toBuffer(file.content);
        for (let offset = 0; offset < content.length;) offset += writeSync(fd, content, offset);
      } finally {
        closeSync(fd);
      }
    }
  }

  /**
   * Workspaces live under a directory named for the process that made them. A worker killed with
   * SIGKILL cannot unmount its workspaces; the next sandbox on the host unmounts those of every
   * owner that is no longer running (and of the flat layout older versions used).
   */
  private async sweepDeadOwners(): Promise<void> {
    for (const entry of readdirSync(this.workRoot)) {
      const path = join(this.workRoot, entry);
      const owner = /^\d+$/.test(entry) ? Number(entry) : undefined;
      if (owner === process.pid || (owner !== undefined && existsSync(`/proc/${owner}`))) continue;
      const workspaces = owner === undefined ? [path] : readdirSync(path).map((name) => join(path, name));
      for (const dir of workspaces) {
        await execFileAsync(this.helperPath, ['unmount', dir]).catch(() => undefined);
        try {
          rmdirSync(dir);
        } catch {
          // still mounted or not empty: leave it rather than walk into it
        }
      }
      if (owner !== undefined) {
        try {
          rmdirSync(path);
        } catch {
          // as above
        }
      }
    }
  }

  async destroyWorkspace(workspace: Workspace): Promise<void> {
    const found = this.workspaces.get(workspace.id);
    if (!found) return;
    this.workspaces.delete(workspace.id);
    // Unmounting a tmpfs frees everything in it at once; nothing inside is walked, so no link is ever followed.
    await (await this.forkServer(0)).unmountWorkspace(found.dir);
    rmdirSync(found.dir);
  }

  async run(spec: RunSpec): Promise<RunResult> {
    await this.ensureAvailable();
    const workspace = spec.workspace ? this.lookup(spec.workspace) : await this.createWorkspaceUnchecked();
    try {
      if (spec.files && spec.files.length > 0) await this.writeFiles(workspace, spec.files);
      const writable = spec.workspaceWritable ?? spec.workspace === undefined;
      const slot = await this.slots.acquire();
      try {
        const outcome = await this.execute(slot, workspace.dir, writable, spec);
        if (!outcome.started) {
          throw new SandboxInternalError(
            `the sandbox failed to start: ${outcome.result.stderr.trim().slice(0, 2000)}`,
          );
        }
        return outcome.result;
      } finally {
        this.slots.release(slot);
      }
    } finally {
      if (!spec.workspace) await this.destroyWorkspace(workspace);
    }
  }

  /** Runs a fixed command of ours during probe(), before the sandbox is declared available. */
  private async executeTrusted(command: string[]): Promise<ExecuteOutcome> {
    const workspace = await this.createWorkspaceUnchecked();
    const slot = await this.slots.acquire();
    try {
      return await this.execute(slot, workspace.dir, false, {
        command,
        limits: {
          cpuMs: 2000,
          wallMs: 5000,
          memoryBytes: 64 * 1024 * 1024,
          processes: 8,
          outputBytes: 4096,
          fileSizeBytes: 4096,
        },
      });
    } finally {
      this.slots.release(slot);
      await this.destroyWorkspace(workspace);
    }
  }

  /** The slot's fork server, started on first use and again if it died. */
  private forkServer(slot: number): Promise<ForkServer> {
    const known = this.forkServers[slot];
    if (known && (known.server === undefined || known.server.alive)) return known.starting;
    const entry: ForkServerEntry = {
      starting: ForkServer.start(
        this.helperPath,
        [
          ...this.engine.helperArguments(),
          '--uid',
          String(this.uid + slot),
          '--gid',
          String(this.gid + slot),
        ],
        this.networkNamespaceFds[slot],
      ),
    };
    entry.starting.then(
      (server) => (entry.server = server),
      () => {
        if (this.forkServers[slot] === entry) this.forkServers[slot] = undefined;
      },
    );
    this.forkServers[slot] = entry;
    return entry.starting;
  }

  /**
   * Starts the helper for a slot's next run ahead of time. Joining cgroups can wait for an RCU grace period
   * (10-20 ms on cgroup v1), which would otherwise dominate a 10 ms program; done here, it overlaps the
   * current run. The helper then waits for the run's arguments.
   */
  private async startWarmProcess(slot: number): Promise<WarmProcess> {
    const cgroups = this.cgroups;
    if (!cgroups) throw new SandboxInternalError('cgroups are not set up');
    const cgroup = await cgroups.createRun();
    let helper: ServedProcess;
    try {
      helper = await (await this.forkServer(slot)).spawn(cgroup.procsFiles);
    } catch (error) {
      this.removeInBackground(cgroup);
      throw error;
    }
    const status = new CappedBuffer(4096);
    helper.status.on('data', (chunk: Buffer) => status.push(chunk));
    return { helper, cgroup, status };
  }

  private async takeWarmProcess(slot: number): Promise<WarmProcess> {
    const queue = (this.warmProcesses[slot] ??= []);
    for (let next = queue.shift(); next; next = queue.shift()) {
      const warm = await next.catch(() => null);
      if (warm && !warm.helper.hasExited()) return warm;
      if (warm) void this.discardWarmProcess(warm);
    }
    return this.startWarmProcess(slot);
  }

  /**
   * Called once the current run has its arguments: its own start comes first. Each run thus starts the helper of
   * the run WARM_DEPTH runs later on its slot, which has that long to join its cgroup.
   */
  private refillWarmProcesses(slot: number): void {
    const queue = (this.warmProcesses[slot] ??= []);
    if (this.cgroups === null) return;
    while (queue.length < WARM_DEPTH) {
      const warm = this.startWarmProcess(slot);
      // On failure the run that takes it starts a process itself and reports that one's failure.
      warm.catch(() => undefined);
      queue.push(warm);
    }
  }

  private async discardWarmProcess({ helper, cgroup }: WarmProcess): Promise<void> {
    helper.kill();
    await helper.exited.catch(() => undefined);
    helper.closePipes();
    await cgroup.killAll();
    await cgroup.remove().catch(() => undefined);
  }

  /**
   * rmdir on a finished run's cgroup fails with EBUSY until the kernel has torn its tasks down, often several
   * milliseconds after the last one was reaped. The result does not depend on it, so the run does not wait. A
   * cgroup that cannot be removed at all makes close() fail when it removes the instance's parent cgroup.
   */
  private removeInBackground(cgroup: RunCgroup): void {
    const removal: Promise<void> = cgroup
      .remove()
      .catch(() => undefined)
      .finally(() => this.pendingRemovals.delete(removal));
    this.pendingRemovals.add(removal);
  }

  private async execute(
    slot: number,
    dir: string,
    writable: boolean,
    spec: RunSpec,
  ): Promise<ExecuteOutcome> {
    const { limits } = spec;
    const { helper: served, cgroup, status } = await this.takeWarmProcess(slot);
    cgroup.setLimits({
      memoryBytes: limits.memoryBytes,
      processes: limits.processes + this.engine.supervisorProcesses,
    });
    const env = { ...SANDBOX_ENV, ...spec.env };
    const deferredArgs = [
      ...rlimitArguments(limits),
      ...Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
      ...this.engine.runArguments(dir, writable, spec.command),
    ];

    const stdout = new CappedBuffer(stdoutKeepBytes(limits));
    const stderr = new CappedBuffer(stderrKeepBytes(limits));
    let killedFor: LimitHit | null = null;
    let killing: Promise<void> | null = null;
    const killFor = (reason: LimitHit) => {
      killedFor ??= reason;
      killing ??= cgroup.killAll(served.pid);
    };
    const onOutput = (buffer: CappedBuffer) => (chunk: Buffer) => {
      buffer.push(chunk);
      if (stdout.total + stderr.total > limits.outputBytes) killFor('output');
    };
    served.stdout.on('data', onOutput(stdout));
    served.stderr.on('data', onOutput(stderr));

    const started = performance.now();
    served.args.on('error', () => undefined);
    served.args.end(Buffer.from(deferredArgs.map((arg) => `${arg}\0`).join(''), 'utf8'));
    // The program may exit without reading its input, or never read it: neither is an error.
    served.stdin.on('error', () => undefined);
    if (spec.stdin === undefined) served.stdin.end();
    else served.stdin.end(toBuffer(spec.stdin));
    setImmediate(() => this.refillWarmProcesses(slot));

    const wallTimer = setTimeout(() => killFor('wall'), limits.wallMs);
    // RLIMIT_CPU is per process and whole-second; the cgroup counter covers threads and children precisely.
    const watchdogInterval = Math.min(100, Math.max(10, Math.floor(limits.cpuMs / 20)));
    const cpuWatchdog = setInterval(() => {
      try {
        cgroup.sampleMemory();
        if (cgroup.cpuUsageMs() > limits.cpuMs) killFor('cpu');
      } catch {
        // The cgroup is being removed; the exit handler takes over.
      }
    }, watchdogInterval);
    // The helper exits only after reaping every descendant; should anything remain in the cgroup regardless,
    // it dies here so that the pipes close.
    served.exited.then(
      () => (killing ??= cgroup.killAll()),
      () => undefined,
    );

    let exit: ProcessExit;
    try {
      exit = await served.exited;
      await Promise.all([served.stdout, served.stderr, served.status].map(drained));
    } catch (error) {
      await cgroup.killAll();
      this.removeInBackground(cgroup);
      throw error;
    } finally {
      clearTimeout(wallTimer);
      clearInterval(cpuWatchdog);
      // Every output has ended by now (or the run failed); stdin may still hold input the program never read.
      served.closePipes();
    }
    const wallMs = performance.now() - started;
    await (killing ?? cgroup.killAll());
    const stats = cgroup.stats();
    this.removeInBackground(cgroup);

    // The helper reports a program killed by signal N as exit status 128+N, like a shell.
    let signal: string | null = exit.signal;
    let code: number | null = exit.code;
    if (signal === null && code !== null && code > 128 && code < 128 + 65) {
      signal = signalName(code - 128);
      if (signal !== null) code = null;
    }
    const programStarted = status.text().includes('"child-pid"');
    const helperFailed =
      exit.code === HELPER_FAILURE_EXIT_CODE && stderr.text().startsWith(HELPER_FAILURE_PREFIX);
    const limitHit = classifyLimit({
      killedFor,
      oomKilled: stats.oomKilled,
      cpuMs: stats.cpuMs,
      limits,
      signal,
      processLimitHit: stats.processLimitHit,
    });
    return {
      started: programStarted && !helperFailed,
      result: {
        exitCode: code,
        signal,
        cpuMs: Math.round(stats.cpuMs * 1000) / 1000,
        wallMs: Math.round(wallMs * 1000) / 1000,
        peakMemoryBytes: stats.peakMemoryBytes,
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutBytes: stdout.bytes(),
        stderrBytes: stderr.bytes(),
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
        limitHit,
      },
    };
  }

  async close(): Promise<void> {
    const warm = this.warmProcesses.flat();
    this.warmProcesses = [];
    await Promise.all(
      warm.map(async (started) => {
        const process = await started.catch(() => null);
        if (process) await this.discardWarmProcess(process);
      }),
    );
    await Promise.all(this.pendingRemovals);
    // Before the fork servers stop: slot 0's unmounts them.
    for (const workspace of [...this.workspaces.values()]) await this.destroyWorkspace(workspace);
    const forkServers = this.forkServers;
    this.forkServers = [];
    await Promise.all(
      forkServers.map(async (entry) => {
        const server = await entry?.starting.catch(() => null);
        await server?.close();
      }),
    );
    for (const fd of this.networkNamespaceFds) closeSync(fd);
    this.networkNamespaceFds = [];
    await this.cgroups?.close();
    this.cgroups = null;
    this.probeResult = null;
    for (const dir of [this.rootDir, this.ownerDir, this.workRoot]) {
      try {
        if (existsSync(dir)) rmdirSync(dir);
      } catch {
        // Another sandbox instance of this process, or another worker, may still use it.
      }
    }
  }
}
