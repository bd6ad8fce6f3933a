import { beforeAll, describe, expect, it } from 'vitest';
import { runCgroupV2Guest, UML_KERNELS, type GuestReport } from './test-support/cgroup-v2-guest-boot.js';
import type { ClosedFinding, ProbeFinding, RunFinding } from './test-support/cgroup-v2-protocol.js';

/**
 * The cgroup v2 path proven on real cgroup v2 kernels: this host (and CI) is cgroup v1, so the test boots User-Mode
 * Linux guests whose only hierarchy is cgroup v2 with memory and pids, and runs the namespace sandbox there (see
 * test-support/cgroup-v2-guest.ts for what the guest does, docs/sandbox-cgroup-v2.md for why UML). Two kernels: 6.1
 * has memory.peak and cgroup.kill, 5.10 has neither, so the sandbox's fallbacks (sampled peak, killing by listing)
 * run too. One boot per kernel serves every check; each takes well under a minute.
 */

const GUEST_TIMEOUT_MS = 240_000;
const MiB = 1024 * 1024;

describe.each(UML_KERNELS)('cgroup v2 on $label, a User-Mode Linux guest', (kernel) => {
  let report: GuestReport;

  beforeAll(async () => {
    report = await runCgroupV2Guest({ kernel, timeoutMs: GUEST_TIMEOUT_MS });
  }, GUEST_TIMEOUT_MS + 60_000);

  /** A finding the guest must have reported; when it did not, the failure shows why (its error, its console). */
  function finding<T>(name: string): T {
    const found = report.findings.get(name);
    if (found === undefined) {
      const error = report.findings.get('error');
      throw new Error(
        `the guest reported no "${name}"` +
          (error ? `; it failed: ${JSON.stringify(error)}` : '') +
          `\n--- guest console (last 6000 characters) ---\n${report.console.slice(-6000)}`,
      );
    }
    return found as T;
  }

  /** Every run's cgroup had the run's limits, is gone after the run, and no process of the run survived it. */
  function expectCleanRun(run: RunFinding): void {
    expect(run.runCgroup).toMatch(/^run-\d+$/);
    // The kernel offered what this guest stands for, so the run took the path under test.
    expect(run.kernelFiles).toEqual({
      'memory.peak': kernel.hasMemoryPeak,
      'cgroup.kill': kernel.hasCgroupKill,
    });
    expect(run.runCgroupRemoved).toBe(true);
    expect(run.leftoverProcesses).toEqual([]);
    // What is left in the instance are the warm helpers of the next runs, each alone in an unlimited cgroup.
    for (const waiting of run.instanceRunCgroups) expect(waiting).toMatchObject({ procs: 1, pidsMax: 'max' });
  }

  it('runs on a kernel with swap, so that "no swap" can fail: an unlimited-swap cgroup does swap there', () => {
    expect(finding<{ release: string }>('kernel').release).toMatch(/^\d+\.\d+/);
    expect(finding<{ swapCurrentBytes: number }>('swap-control').swapCurrentBytes).toBeGreaterThan(4 * MiB);
  });

  it('detects cgroup v2 and moves the worker out of its own cgroup into corazy-supervisor to enable memory and pids', () => {
    const before = finding<ProbeFinding>('before-probe');
    expect(before.ownCgroup).toBe('0::/worker');
    expect(before.workerProcs.length).toBeGreaterThanOrEqual(2);
    expect(before.workerSubtreeControl).toBe('');

    const probe = finding<ProbeFinding>('probe');
    expect(probe.problems).toEqual([]);
    expect(probe.available).toBe(true);
    expect(probe.details.cgroupVersion).toBe(2);
    expect(probe.details.cgroupBase).toMatch(/^\/sys\/fs\/cgroup\/worker\/corazy-sandbox-\d+-\d+$/);
    expect(probe.details.memoryPeak).toBe(kernel.hasMemoryPeak);
    // "No internal processes": the worker's cgroup hands memory and pids down only once it holds no process.
    expect(probe.workerProcs).toEqual([]);
    // All of them, and whatever the probe started since (a fork server).
    expect(probe.supervisorProcs).toEqual(expect.arrayContaining(before.workerProcs));
    expect(probe.ownCgroup).toBe('0::/worker/corazy-supervisor');
    expect(probe.workerSubtreeControl?.split(' ').sort()).toEqual(['memory', 'pids']);
    expect(probe.instanceSubtreeControl?.split(' ').sort()).toEqual(['memory', 'pids']);
  });

  it('answers an ordinary run with its output, CPU time and peak memory, under the run limits', () => {
    const run = finding<RunFinding>('run:ordinary');
    expect(run.result).toMatchObject({ exitCode: 0, signal: null, limitHit: null, stdout: 'ok\n' });
    expect(run.result.cpuMs).toBeGreaterThan(0);
    expect(run.result.peakMemoryBytes).toBeGreaterThan(64 * 1024);
    // The engine's two supervisor processes on top of the program's 8.
    expect(run.limitFiles).toEqual({
      'memory.max': String(64 * MiB),
      'memory.swap.max': '0',
      'memory.oom.group': '1',
      'pids.max': '10',
    });
    expectCleanRun(run);
  });

  it('kills a memory bomb at the memory limit without swapping and reports its peak memory (memory.peak or sampled)', () => {
    const run = finding<RunFinding>('run:memory-bomb');
    expect(run.result.limitHit).toBe('memory');
    expect(run.result.signal).toBe('SIGKILL');
    expect(run.limitFiles['memory.max']).toBe(String(24 * MiB));
    expect(run.result.peakMemoryBytes).toBeGreaterThan(20 * MiB);
    expect(run.result.peakMemoryBytes).toBeLessThanOrEqual(24 * MiB);
    expect(run.maxSwapCurrentBytes).toBe(0);
    expectCleanRun(run);
  });

  it('stops a fork bomb at the pids limit', () => {
    const run = finding<RunFinding>('run:fork-bomb');
    expect(run.result.limitHit).toBe('processes');
    expect(run.result.stderr).toMatch(/Cannot fork/);
    expectCleanRun(run);
  });

  it('kills a CPU loop for CPU time by the cgroup CPU counter', () => {
    const run = finding<RunFinding>('run:cpu-loop');
    expect(run.result.limitHit).toBe('cpu');
    expect(run.result.signal).toBe('SIGKILL');
    expect(run.result.cpuMs).toBeGreaterThanOrEqual(1500);
    expect(run.result.cpuMs).toBeLessThan(1500 + 1000);
    expectCleanRun(run);
  });

  it('kills a daemonised, sleeping grandchild once the program exits (cgroup.kill or by listing)', () => {
    const run = finding<RunFinding>('run:orphan');
    expect(run.result).toMatchObject({ exitCode: 0, limitHit: null, stdout: 'parent done\n' });
    expect(run.result.wallMs).toBeLessThan(15_000);
    expectCleanRun(run);
  });

  it('removes the instance cgroup on close()', () => {
    const closed = finding<ClosedFinding>('closed');
    expect(closed.instanceExists).toBe(false);
    expect(closed.workerChildren).toEqual(['corazy-supervisor']);
  });

  it('puts a second sandbox of the same worker next to the first, not inside corazy-supervisor', () => {
    const probe = finding<ProbeFinding>('second-probe');
    expect(probe.problems).toEqual([]);
    expect(probe.details.cgroupBase).toMatch(/^\/sys\/fs\/cgroup\/worker\/corazy-sandbox-\d+-\d+$/);
    expect(probe.ownCgroup).toBe('0::/worker/corazy-supervisor');
    expectCleanRun(finding<RunFinding>('run:second'));
    const closed = finding<ClosedFinding>('second-closed');
    expect(closed.instanceExists).toBe(false);
    expect(closed.workerChildren).toEqual(['corazy-supervisor']);
  });

  it('puts its cgroups under a delegated cgroup given as cgroup.parent', () => {
    const probe = finding<ProbeFinding>('delegated-probe');
    expect(probe.problems).toEqual([]);
    expect(probe.details.cgroupBase).toMatch(/^\/sys\/fs\/cgroup\/delegated\/corazy-sandbox-\d+-\d+$/);
    expect(probe.instanceSubtreeControl?.split(' ').sort()).toEqual(['memory', 'pids']);
    expectCleanRun(finding<RunFinding>('run:delegated'));
    expect(finding<ClosedFinding>('delegated-closed').instanceExists).toBe(false);
  });

  it('removes what a worker killed in the middle of a run left behind when the next one starts', () => {
    expect(finding<{ leftoverProcesses: string[] }>('crash-running').leftoverProcesses).toEqual(
      expect.arrayContaining([expect.stringMatching(/ sleep$/)]),
    );
    const crash = finding<{ signal: string | null; staleInstances: string[]; leftoverProcesses: string[] }>(
      'crash',
    );
    expect(crash.signal).toBe('SIGKILL');
    expect(crash.staleInstances).toHaveLength(1);
    expect(finding<ProbeFinding>('after-crash-probe').problems).toEqual([]);
    expectCleanRun(finding<RunFinding>('run:after-crash'));
    expect(finding<{ staleInstancesLeft: string[]; leftoverProcesses: string[] }>('swept')).toEqual({
      staleInstancesLeft: [],
      leftoverProcesses: [],
    });
  });

  it('works for a worker in the root cgroup, which keeps its processes and lacks memory.peak itself', () => {
    expect(finding<{ exitCode: number | null }>('root-phase').exitCode).toBe(0);
    const probe = finding<ProbeFinding>('root-probe');
    expect(probe.problems).toEqual([]);
    expect(probe.ownCgroup).toBe('0::/');
    expect(probe.details.cgroupBase).toMatch(/^\/sys\/fs\/cgroup\/corazy-sandbox-\d+-\d+$/);
    expect(probe.details.memoryPeak).toBe(kernel.hasMemoryPeak);
    const run = finding<RunFinding>('run:root');
    expect(run.result).toMatchObject({ exitCode: 0, limitHit: null, stdout: 'ok\n' });
    expect(run.result.peakMemoryBytes).toBeGreaterThan(64 * 1024);
    expectCleanRun(run);
    expect(finding<ClosedFinding>('root-closed').instanceExists).toBe(false);
  });
});
