/**
 * Runs INSIDE the User-Mode Linux guest that cgroup-v2-guest-boot.ts starts (bundled with esbuild first, because
 * tsx's on-the-fly compilation takes ~20 s under UML). The guest has only cgroup v2 mounted, with memory and pids
 * enabled for /sys/fs/cgroup/worker, where this process was started, next to its init shell: the situation of a
 * worker in a container's or a systemd service's cgroup. It drives the sandbox through its public API like the
 * worker does (the namespace backend alone: the package index would drag Docker's client into the bundle), watches the cgroup files from outside the runs, and prints one marked JSON line per finding for the
 * host-side test to judge. It asserts nothing itself: the host test is where a failure is explained.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NamespaceSandbox } from '../namespace-sandbox.js';
import type { CgroupOptions } from '../cgroups.js';
import type { RunLimits, RunResult } from '../types.js';
import {
  GUEST_CGROUP_ROOT,
  GUEST_RESULT_MARKER,
  GUEST_WORKER_CGROUP,
  type ClosedFinding,
  type ProbeFinding,
  type RunFinding,
  type WorkerCgroupFinding,
} from './cgroup-v2-protocol.js';

const [helperPath = '', pythonPath = '/usr/bin/python3', phase = 'worker'] = process.argv.slice(2);

function emit(name: string, data: unknown): void {
  process.stdout.write(`${GUEST_RESULT_MARKER} ${JSON.stringify({ name, data })}\n`);
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function runCgroupNames(instanceDir: string): string[] {
  try {
    return readdirSync(instanceDir).filter((name) => name.startsWith('run-'));
  } catch {
    return [];
  }
}

/** What the limited run cgroup (the one setLimits wrote to) held while a run went on, seen from outside it. */
type RunWatch = Pick<RunFinding, 'runCgroup' | 'limitFiles' | 'kernelFiles' | 'maxSwapCurrentBytes'>;

/**
 * Polls the instance's run cgroups during a run: the one with a pids.max other than "max" is the running one (the
 * warm helpers waiting for later runs are still unlimited).
 */
function watchRun(instanceDir: string): { stop: () => RunWatch } {
  const watch: RunWatch = { runCgroup: null, limitFiles: {}, kernelFiles: {}, maxSwapCurrentBytes: 0 };
  const poll = () => {
    if (watch.runCgroup) {
      const swap = Number(read(join(instanceDir, watch.runCgroup, 'memory.swap.current')) ?? 0);
      watch.maxSwapCurrentBytes = Math.max(watch.maxSwapCurrentBytes, swap);
      return;
    }
    for (const name of runCgroupNames(instanceDir)) {
      const dir = join(instanceDir, name);
      const pidsMax = read(join(dir, 'pids.max'));
      if (pidsMax === null || pidsMax === 'max') continue;
      watch.runCgroup = name;
      for (const file of ['memory.max', 'memory.swap.max', 'memory.oom.group', 'pids.max'])
        watch.limitFiles[file] = read(join(dir, file));
      for (const file of ['memory.peak', 'cgroup.kill'])
        watch.kernelFiles[file] = existsSync(join(dir, file));
    }
  };
  const timer = setInterval(poll, 5);
  return {
    stop() {
      clearInterval(timer);
      return watch;
    },
  };
}

/** Processes of the sandbox uid anywhere in the guest: after a run there must be none (no escaped orphan). */
function processesOfUid(uid: number): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const status = read(`/proc/${entry}/status`) ?? '';
    if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid)
      found.push(`${entry} ${/^Name:\s+(.*)$/m.exec(status)?.[1] ?? ''}`);
  }
  return found;
}

/** Waits until the run cgroup is gone: the sandbox removes it in the background right after the run. */
async function waitForRemoval(dir: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (existsSync(dir)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

const SANDBOX_UID = 60000;

const LIMITS: RunLimits = {
  cpuMs: 5000,
  wallMs: 20_000,
  memoryBytes: 64 * 1024 * 1024,
  processes: 8,
  outputBytes: 64 * 1024,
  fileSizeBytes: 1024 * 1024,
};

function summarise(result: RunResult): RunFinding['result'] {
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    limitHit: result.limitHit,
    cpuMs: result.cpuMs,
    wallMs: result.wallMs,
    peakMemoryBytes: result.peakMemoryBytes,
    stdout: result.stdout.slice(0, 2000),
    stderr: result.stderr.slice(0, 2000),
  };
}

/**
 * Shows that swap works in this guest at all, so that the sandbox's runs never touching it means something: a
 * plain cgroup with only memory.max set, outside the sandbox, pushes a program that outgrows it into swap.
 */
function swapControl(): { swapCurrentBytes: number } {
  const control = join(GUEST_CGROUP_ROOT, 'swap-control');
  const program =
    'a = [b"x" * (1 << 20) for _ in range(48)]\n' +
    `print(open("${control}/memory.swap.current").read().strip())`;
  const output = execFileSync(
    '/bin/sh',
    [
      '-c',
      `mkdir ${control} && echo ${32 * 1024 * 1024} > ${control}/memory.max && echo $$ > ${control}/cgroup.procs ` +
        `&& exec ${pythonPath} -c '${program}'`,
    ],
    { encoding: 'utf8' },
  );
  return { swapCurrentBytes: Number(output.trim()) };
}

function workerCgroupState(): WorkerCgroupFinding {
  return {
    ownCgroup: read('/proc/self/cgroup'),
    workerProcs: read(join(GUEST_WORKER_CGROUP, 'cgroup.procs'))?.split('\n').filter(Boolean) ?? [],
    workerSubtreeControl: read(join(GUEST_WORKER_CGROUP, 'cgroup.subtree_control')),
    supervisorProcs:
      read(join(GUEST_WORKER_CGROUP, 'corazy-supervisor', 'cgroup.procs'))
        ?.split('\n')
        .filter(Boolean) ?? [],
    workerChildren: readdirSync(GUEST_WORKER_CGROUP, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name),
  };
}

/** Probes a new sandbox instance; returns it with its instance cgroup when it is available. */
async function openSandbox(
  finding: string,
  cgroup?: CgroupOptions,
): Promise<{ sandbox: NamespaceSandbox; instanceDir: string } | null> {
  const sandbox = new NamespaceSandbox({ concurrency: 1, helperPath, sandboxUid: SANDBOX_UID, cgroup });
  const started = performance.now();
  const probe = await sandbox.probe();
  const instanceDir = typeof probe.details.cgroupBase === 'string' ? probe.details.cgroupBase : '';
  const found: ProbeFinding = {
    available: probe.available,
    problems: probe.problems,
    details: probe.details,
    ms: Math.round(performance.now() - started),
    ...workerCgroupState(),
    instanceSubtreeControl: instanceDir ? read(join(instanceDir, 'cgroup.subtree_control')) : null,
  };
  emit(finding, found);
  return probe.available ? { sandbox, instanceDir } : null;
}

interface GuestRun {
  name: string;
  command: string[];
  limits?: Partial<RunLimits>;
}

async function runAndWatch(sandbox: NamespaceSandbox, instanceDir: string, run: GuestRun): Promise<void> {
  const watch = watchRun(instanceDir);
  const result = await sandbox.run({ command: run.command, limits: { ...LIMITS, ...run.limits } });
  const seen = watch.stop();
  const removed = seen.runCgroup ? await waitForRemoval(join(instanceDir, seen.runCgroup), 5000) : false;
  const found: RunFinding = {
    result: summarise(result),
    ...seen,
    runCgroupRemoved: removed,
    leftoverProcesses: processesOfUid(SANDBOX_UID),
    // Every process left in the instance must be a warm helper waiting in its own, still unlimited run cgroup.
    instanceRunCgroups: runCgroupNames(instanceDir).map((name) => ({
      name,
      procs:
        read(join(instanceDir, name, 'cgroup.procs'))
          ?.split('\n')
          .filter(Boolean).length ?? 0,
      pidsMax: read(join(instanceDir, name, 'pids.max')),
    })),
  };
  emit(`run:${run.name}`, found);
}

/** Under UML every page fault is a round trip through the host (~0.5 ms), so the memory bomb's limit is small. */
const BOMB_MEMORY_BYTES = 24 * 1024 * 1024;

const RUNS: GuestRun[] = [
  // Lives past a few memory samples: without memory.peak (before 5.19) the peak is sampled while the
  // program runs, and a bare `echo` can end before the first sample (its peak then read as 0).
  { name: 'ordinary', command: ['/bin/sh', '-c', 'echo ok; sleep 0.3'] },
  {
    name: 'memory-bomb',
    command: [pythonPath, '-c', 'a = []\nwhile True:\n    a.append(b"x" * (1 << 20))'],
    limits: { memoryBytes: BOMB_MEMORY_BYTES, cpuMs: 30_000, wallMs: 60_000 },
  },
  {
    // dash gives up ("Cannot fork") once pids.max refuses a fork; the helper then kills the sleepers.
    name: 'fork-bomb',
    command: ['/bin/sh', '-c', 'while :; do sleep 30 & done'],
  },
  { name: 'cpu-loop', command: ['/bin/sh', '-c', 'while :; do :; done'], limits: { cpuMs: 1500 } },
  {
    name: 'orphan',
    command: [
      pythonPath,
      '-c',
      'import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.close(1); os.close(2)\n        time.sleep(300)\n    os._exit(0)\nprint("parent done")',
    ],
  },
];

async function main(): Promise<void> {
  emit('kernel', { release: read('/proc/sys/kernel/osrelease'), swaps: read('/proc/swaps') });
  let started = performance.now();
  emit('swap-control', { ...swapControl(), ms: Math.round(performance.now() - started) });
  emit('before-probe', workerCgroupState());

  const first = await openSandbox('probe');
  if (!first) return;
  for (const run of RUNS) {
    started = performance.now();
    await runAndWatch(first.sandbox, first.instanceDir, run);
    emit(`ms:${run.name}`, Math.round(performance.now() - started));
  }
  await first.sandbox.close();
  const closed: ClosedFinding = { instanceExists: existsSync(first.instanceDir), ...workerCgroupState() };
  emit('closed', closed);

  // A worker opens more than one sandbox (one per backend engine, or again after close()): each must find the
  // same parent, although the worker itself now lives in corazy-supervisor.
  await probeRunClose('second');

  // A cgroup delegated to the worker (systemd Delegate=yes) and given as cgroup.parent.
  const delegated = join(GUEST_CGROUP_ROOT, 'delegated');
  execFileSync('/bin/mkdir', [delegated]);
  await probeRunClose('delegated', { parent: delegated });

  // A worker killed in the middle of a run leaves its cgroups and the run's processes; the next one sweeps them.
  const crash = spawnSync(process.execPath, [process.argv[1] ?? '', helperPath, pythonPath, 'crash'], {
    stdio: 'inherit',
    timeout: 60_000,
  });
  const staleInstances = workerCgroupState().workerChildren.filter((name) =>
    name.startsWith('corazy-sandbox-'),
  );
  emit('crash', {
    signal: crash.signal,
    staleInstances,
    leftoverProcesses: processesOfUid(SANDBOX_UID),
  });
  await probeRunClose('after-crash');
  emit('swept', {
    staleInstancesLeft: staleInstances.filter((name) => existsSync(join(GUEST_WORKER_CGROUP, name))),
    leftoverProcesses: processesOfUid(SANDBOX_UID),
  });

  // A worker in the root cgroup, which may hold processes and has no memory.peak of its own.
  emit('root-phase', {
    exitCode: spawnSync(
      '/bin/sh',
      [
        '-c',
        `echo $$ > ${GUEST_CGROUP_ROOT}/cgroup.procs && exec "$0" "$@"`,
        process.execPath,
        process.argv[1] ?? '',
        helperPath,
        pythonPath,
        'root',
      ],
      { stdio: 'inherit', timeout: 60_000 },
    ).status,
  });
}

/** Starts a run that sleeps and dies with SIGKILL once the program is running, as a crashing worker would. */
async function crashMidRun(): Promise<void> {
  const opened = await openSandbox('crash-probe');
  if (!opened) return;
  void opened.sandbox.run({ command: ['/bin/sleep', '300'], limits: { ...LIMITS, wallMs: 600_000 } });
  const deadline = Date.now() + 30_000;
  while (!processesOfUid(SANDBOX_UID).some((entry) => entry.endsWith(' sleep')) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  emit('crash-running', { leftoverProcesses: processesOfUid(SANDBOX_UID) });
  process.kill(process.pid, 'SIGKILL');
}

/** Opens a sandbox, makes one ordinary run and closes it: reports <label>-probe, run:<label> and <label>-closed. */
async function probeRunClose(label: string, cgroup?: CgroupOptions): Promise<void> {
  const opened = await openSandbox(`${label}-probe`, cgroup);
  if (!opened) return;
  await runAndWatch(opened.sandbox, opened.instanceDir, {
    name: label,
    command: ['/bin/sh', '-c', 'echo ok'],
  });
  await opened.sandbox.close();
  const closed: ClosedFinding = { instanceExists: existsSync(opened.instanceDir), ...workerCgroupState() };
  emit(`${label}-closed`, closed);
}

if (phase === 'root') {
  await probeRunClose('root').catch((error: unknown) =>
    emit('root-error', { message: String((error as Error)?.stack ?? error) }),
  );
} else if (phase === 'crash') {
  await crashMidRun().catch((error: unknown) =>
    emit('crash-error', { message: String((error as Error)?.stack ?? error) }),
  );
} else {
  await main()
    .catch((error: unknown) => emit('error', { message: String((error as Error)?.stack ?? error) }))
    .finally(() => emit('done', {}));
}
