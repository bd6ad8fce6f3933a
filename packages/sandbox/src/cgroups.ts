import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { mkdir, rmdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * cgroups give every run a memory limit without swap, a process limit, CPU accounting and a way to kill
 * everything the run started. Each run gets a fresh child cgroup (mkdir, ~0.1 ms): fresh counters mean no
 * reset semantics to get wrong, and the pids controller keeps charging a PID-namespace init for a moment after
 * it exits, so reusing one cgroup per slot made back-to-back runs fail to fork.
 */

export interface RunCgroupLimits {
  memoryBytes: number;
  /** Including the sandbox's own supervisor processes. */
  processes: number;
}

export interface RunCgroupStats {
  cpuMs: number;
  peakMemoryBytes: number;
  oomKilled: boolean;
  processLimitHit: boolean;
}

export interface RunCgroup {
  /** cgroup.procs files the helper writes itself into before anything untrusted runs. */
  readonly procsFiles: readonly string[];
  /** Called once, after the (warm) helper joined and before the program starts. */
  setLimits(limits: RunCgroupLimits): void;
  /** Cheap synchronous read for the CPU-limit watchdog. */
  cpuUsageMs(): number;
  /** Sampled by the watchdog where the kernel has no peak counter (cgroup v2 before Linux 5.19). */
  sampleMemory(): void;
  stats(): RunCgroupStats;
  /**
   * SIGKILLs every process in the cgroup and resolves once it is empty. `lastPid` (the supervising helper, a
   * subreaper) is spared until the rest are gone, so it can reap them: orphans must not land on the host's
   * PID 1, which might never reap them.
   */
  killAll(lastPid?: number): Promise<void>;
  remove(): Promise<void>;
}

export interface CgroupManager {
  readonly version: 1 | 2;
  readonly description: string;
  /**
   * A fresh, still unlimited cgroup; limits follow with setLimits once the run's limits are known. mkdir and rmdir
   * on a cgroup wait for the global cgroup mutex, which a task migrating elsewhere holds through an RCU grace
   * period (10-20 ms): both are asynchronous so that the worker's event loop never waits for them.
   */
  createRun(): Promise<RunCgroup>;
  close(): Promise<void>;
}

export interface CgroupDetection {
  manager: CgroupManager | null;
  problems: string[];
  remedies: string[];
  details: Record<string, string | number | boolean>;
}

let instanceCounter = 0;

/** One directory per sandbox instance: "<worker pid>-<n>", so a dead worker's leftovers can be recognised. */
function instanceName(): string {
  return `corazy-sandbox-${process.pid}-${++instanceCounter}`;
}

interface MountInfo {
  mountPoint: string;
  root: string;
  fsType: string;
  superOptions: string[];
}

function readMounts(): MountInfo[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [before, after = ''] = line.split(' - ');
      const fields = (before ?? '').split(' ');
      const [fsType = '', , superOptions = ''] = after.split(' ');
      return {
        root: fields[3] ?? '',
        mountPoint: (fields[4] ?? '').replace(/\\040/g, ' '),
        fsType,
        superOptions: superOptions.split(','),
      };
    });
}

/** Maps controller name ('' for the v2 unified hierarchy) to this process's cgroup path. */
function readOwnCgroups(): Map<string, string> {
  const own = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    for (const controller of (match[1] ?? '').split(',')) own.set(controller, match[2] ?? '/');
  }
  return own;
}

function hostPathOf(mount: MountInfo, cgroupPath: string): string {
  // A mount of a sub-tree (cgroup namespaces, containers) shows paths relative to its root.
  const relative =
    mount.root !== '/' && cgroupPath.startsWith(mount.root)
      ? cgroupPath.slice(mount.root.length)
      : cgroupPath;
  return join(mount.mountPoint, relative);
}

function readNumber(file: string): number {
  const text = readFileSync(file, 'utf8').trim();
  return text === 'max' ? Number.POSITIVE_INFINITY : Number(text);
}

function readKeyedValue(file: string, key: string): number {
  if (!existsSync(file)) return 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [name, value] = line.trim().split(/\s+/);
    if (name === key) return Number(value);
  }
  return 0;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function listProcs(dir: string): number[] {
  try {
    return readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * cgroup v1 has no cgroup.kill: SIGKILL every listed process until none is left. A fork bomb cannot outrun it for
 * long because the pids limit caps how many processes exist and killing the PID-namespace init kills the rest.
 */
async function killByListing(dir: string, spare?: number): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const listed = listProcs(dir);
    // The spared process gets a moment to reap the others and exit on its own, then it is killed too.
    const pids = attempt < 50 ? listed.filter((pid) => pid !== spare) : listed;
    if (pids.length === 0 && (listed.length === 0 || attempt >= 50)) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await sleep(attempt < 20 ? 1 : 10);
  }
}

async function removeDirectory(dir: string): Promise<void> {
  // rmdir on a cgroup fails with EBUSY while a killed task is still being torn down; that takes milliseconds.
  for (let attempt = 0; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= 200) throw error;
      await sleep(attempt < 20 ? 1 : 10);
    }
  }
}

/** Removes cgroups left by a worker process that died without cleaning up. */
async function sweepStale(parent: string): Promise<void> {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^corazy-sandbox-(\d+)-\d+$/.exec(entry);
    if (!match || Number(match[1]) === process.pid || isProcessAlive(Number(match[1]))) continue;
    const base = join(parent, entry);
    for (const run of readdirSync(base).filter((name) => name.startsWith('run-'))) {
      await killByListing(join(base, run)).catch(() => undefined);
      await removeDirectory(join(base, run)).catch(() => undefined);
    }
    await removeDirectory(base).catch(() => undefined);
  }
}

class CgroupV1Run implements RunCgroup {
  readonly procsFiles: string[];

  constructor(
    private readonly memoryDir: string,
    private readonly pidsDir: string,
    private readonly cpuacctDir: string,
    private readonly swapAccounted: boolean,
  ) {
    this.procsFiles = [memoryDir, pidsDir, cpuacctDir].map((dir) => join(dir, 'cgroup.procs'));
  }

  setLimits(limits: RunCgroupLimits): void {
    // A fresh memory cgroup is unlimited, so the limit goes first and memsw (memory + swap) after it.
    writeFileSync(join(this.memoryDir, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    if (this.swapAccounted)
      writeFileSync(join(this.memoryDir, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
    writeFileSync(join(this.pidsDir, 'pids.max'), String(limits.processes));
  }

  cpuUsageMs(): number {
    return readNumber(join(this.cpuacctDir, 'cpuacct.usage')) / 1e6;
  }

  sampleMemory(): void {
    // memory.max_usage_in_bytes already records the peak.
  }

  stats(): RunCgroupStats {
    return {
      cpuMs: this.cpuUsageMs(),
      peakMemoryBytes: readNumber(join(this.memoryDir, 'memory.max_usage_in_bytes')),
      oomKilled: readKeyedValue(join(this.memoryDir, 'memory.oom_control'), 'oom_kill') > 0,
      processLimitHit: readKeyedValue(join(this.pidsDir, 'pids.events'), 'max') > 0,
    };
  }

  async killAll(lastPid?: number): Promise<void> {
    await killByListing(this.pidsDir, lastPid);
    await killByListing(this.memoryDir);
  }

  async remove(): Promise<void> {
    await Promise.all([this.memoryDir, this.pidsDir, this.cpuacctDir].map((dir) => removeDirectory(dir)));
  }
}

class CgroupV1Manager implements CgroupManager {
  readonly version = 1 as const;
  private runCounter = 0;
  private readonly swapAccounted: boolean;

  constructor(
    private readonly memoryBase: string,
    private readonly pidsBase: string,
    private readonly cpuacctBase: string,
  ) {
    this.swapAccounted = existsSync(join(memoryBase, 'memory.memsw.limit_in_bytes'));
  }

  get description(): string {
    return `cgroup v1 (memory ${this.memoryBase}, memsw ${this.swapAccounted ? 'on' : 'off'})`;
  }

  async createRun(): Promise<RunCgroup> {
    const name = `run-${++this.runCounter}`;
    const memoryDir = join(this.memoryBase, name);
    const pidsDir = join(this.pidsBase, name);
    const cpuacctDir = join(this.cpuacctBase, name);
    await Promise.all([memoryDir, pidsDir, cpuacctDir].map((dir) => mkdir(dir)));
    return new CgroupV1Run(memoryDir, pidsDir, cpuacctDir, this.swapAccounted);
  }

  async close(): Promise<void> {
    await Promise.all([this.memoryBase, this.pidsBase, this.cpuacctBase].map((dir) => removeDirectory(dir)));
  }
}

class CgroupV2Run implements RunCgroup {
  readonly procsFiles: string[];
  private sampledPeak = 0;
  private readonly hasPeakFile: boolean;

  constructor(private readonly dir: string) {
    this.procsFiles = [join(dir, 'cgroup.procs')];
    this.hasPeakFile = existsSync(join(dir, 'memory.peak'));
  }

  setLimits(limits: RunCgroupLimits): void {
    writeFileSync(join(this.dir, 'memory.max'), String(limits.memoryBytes));
    if (existsSync(join(this.dir, 'memory.swap.max'))) writeFileSync(join(this.dir, 'memory.swap.max'), '0');
    // One OOM kill ends the whole run, as a judge expects, rather than leaving survivors.
    if (existsSync(join(this.dir, 'memory.oom.group')))
      writeFileSync(join(this.dir, 'memory.oom.group'), '1');
    writeFileSync(join(this.dir, 'pids.max'), String(limits.processes));
  }

  cpuUsageMs(): number {
    return readKeyedValue(join(this.dir, 'cpu.stat'), 'usage_usec') / 1000;
  }

  sampleMemory(): void {
    if (!this.hasPeakFile)
      this.sampledPeak = Math.max(this.sampledPeak, readNumber(join(this.dir, 'memory.current')));
  }

  stats(): RunCgroupStats {
    this.sampleMemory();
    return {
      cpuMs: this.cpuUsageMs(),
      peakMemoryBytes: this.hasPeakFile ? readNumber(join(this.dir, 'memory.peak')) : this.sampledPeak,
      oomKilled: readKeyedValue(join(this.dir, 'memory.events'), 'oom_kill') > 0,
      processLimitHit: readKeyedValue(join(this.dir, 'pids.events'), 'max') > 0,
    };
  }

  async killAll(lastPid?: number): Promise<void> {
    const killFile = join(this.dir, 'cgroup.kill');
    if (lastPid !== undefined) await killByListing(this.dir, lastPid);
    if (existsSync(killFile)) {
      // Linux 5.14+: the kernel kills every process atomically, forks in flight included.
      writeFileSync(killFile, '1');
      for (
        let attempt = 0;
        attempt < 400 && readKeyedValue(join(this.dir, 'cgroup.events'), 'populated') > 0;
        attempt++
      ) {
        await sleep(attempt < 20 ? 1 : 10);
      }
      return;
    }
    await killByListing(this.dir);
  }

  async remove(): Promise<void> {
    await removeDirectory(this.dir);
  }
}

class CgroupV2Manager implements CgroupManager {
  readonly version = 2 as const;
  private runCounter = 0;

  constructor(private readonly base: string) {}

  get description(): string {
    return `cgroup v2 (${this.base})`;
  }

  async createRun(): Promise<RunCgroup> {
    const dir = join(this.base, `run-${++this.runCounter}`);
    await mkdir(dir);
    return new CgroupV2Run(dir);
  }

  async close(): Promise<void> {
    await removeDirectory(this.base);
  }
}

function enableControllers(dir: string, controllers: string[]): void {
  const enabled = readFileSync(join(dir, 'cgroup.subtree_control'), 'utf8').split(/\s+/);
  const missing = controllers.filter((name) => !enabled.includes(name));
  if (missing.length > 0)
    writeFileSync(join(dir, 'cgroup.subtree_control'), missing.map((name) => `+${name}`).join(' '));
}

/** The leaf cgroup the worker's processes move to; see prepareV2Parent. */
const SUPERVISOR_CGROUP = 'corazy-supervisor';

/**
 * The cgroup the instances go under: the worker's own, or, once an earlier sandbox instance of this worker moved it
 * into corazy-supervisor, the one it came from. Without this, each further instance (another engine, or probe()
 * after close()) moved the worker one corazy-supervisor deeper and put its cgroups there.
 */
function v2ParentOf(ownDir: string): string {
  return basename(ownDir) === SUPERVISOR_CGROUP ? dirname(ownDir) : ownDir;
}

/**
 * cgroup v2 forbids processes in a cgroup that hands controllers to children ("no internal processes"). When the
 * worker's own cgroup holds processes (a container's root cgroup, a systemd service), they move to a leaf
 * "corazy-supervisor" first: the same step nsjail and Docker-in-Docker entrypoints take.
 */
function prepareV2Parent(own: string): void {
  try {
    enableControllers(own, ['memory', 'pids']);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EBUSY') throw error;
  }
  const supervisor = join(own, SUPERVISOR_CGROUP);
  if (!existsSync(supervisor)) mkdirSync(supervisor);
  for (const pid of listProcs(own)) {
    try {
      writeFileSync(join(supervisor, 'cgroup.procs'), String(pid));
    } catch {
      // Kernel threads and exiting processes cannot move; enabling below reports if that matters.
    }
  }
  enableControllers(own, ['memory', 'pids']);
}

export interface CgroupOptions {
  /** Use this cgroup directory (v2, delegated to the worker) instead of the worker's own cgroup. */
  parent?: string;
}

export async function detectCgroups(options: CgroupOptions = {}): Promise<CgroupDetection> {
  const problems: string[] = [];
  const remedies: string[] = [];
  const details: Record<string, string | number | boolean> = {};
  const mounts = readMounts();
  const own = readOwnCgroups();

  const unified = mounts.find((mount) => mount.fsType === 'cgroup2');
  if (unified) {
    const ownDir = options.parent ?? v2ParentOf(hostPathOf(unified, own.get('') ?? '/'));
    const available = existsSync(join(ownDir, 'cgroup.controllers'))
      ? readFileSync(join(ownDir, 'cgroup.controllers'), 'utf8').split(/\s+/)
      : [];
    if (available.includes('memory') && available.includes('pids')) {
      try {
        prepareV2Parent(ownDir);
        await sweepStale(ownDir);
        const base = join(ownDir, instanceName());
        if (!existsSync(base)) mkdirSync(base);
        enableControllers(base, ['memory', 'pids']);
        details.cgroupVersion = 2;
        details.cgroupBase = base;
        // Not ownDir's: the root cgroup has no memory.peak even where every other cgroup has one.
        details.memoryPeak = existsSync(join(base, 'memory.peak'));
        return { manager: new CgroupV2Manager(base), problems, remedies, details };
      } catch (error) {
        problems.push(`cannot set up cgroup v2 under ${ownDir}: ${(error as Error).message}`);
        remedies.push(
          'run the worker as root, or give it a delegated cgroup (systemd Delegate=yes, or a container with ' +
            'its own cgroup namespace) and pass its path as cgroup.parent',
        );
        return { manager: null, problems, remedies, details };
      }
    }
  }

  const v1 = (controller: string) =>
    mounts.find((mount) => mount.fsType === 'cgroup' && mount.superOptions.includes(controller));
  const memory = v1('memory');
  const pids = v1('pids');
  const cpuacct = v1('cpuacct');
  if (memory && pids && cpuacct) {
    try {
      const bases = [
        [memory, 'memory'],
        [pids, 'pids'],
        [cpuacct, 'cpuacct'],
      ].map(([mount, controller]) => {
        const parent = hostPathOf(mount as MountInfo, own.get(controller as string) ?? '/');
        return parent;
      });
      for (const parent of bases) await sweepStale(parent);
      const name = instanceName();
      const [memoryBase, pidsBase, cpuacctBase] = bases.map((parent) => {
        const base = join(parent, name);
        if (!existsSync(base)) mkdirSync(base);
        return base;
      }) as [string, string, string];
      statSync(join(memoryBase, 'memory.limit_in_bytes'));
      details.cgroupVersion = 1;
      details.cgroupBase = memoryBase;
      details.swapAccounting = existsSync(join(memoryBase, 'memory.memsw.limit_in_bytes'));
      return { manager: new CgroupV1Manager(memoryBase, pidsBase, cpuacctBase), problems, remedies, details };
    } catch (error) {
      problems.push(`cannot create cgroup v1 groups: ${(error as Error).message}`);
      remedies.push(
        'run the worker as root (CAP_SYS_ADMIN over the cgroup hierarchy) with /sys/fs/cgroup mounted read-write',
      );
      return { manager: null, problems, remedies, details };
    }
  }

  problems.push('no usable cgroup hierarchy with the memory and pids controllers');
  remedies.push(
    'mount cgroup v2 with memory and pids enabled (or cgroup v1 memory, pids and cpuacct) read-write',
  );
  return { manager: null, problems, remedies, details };
}
