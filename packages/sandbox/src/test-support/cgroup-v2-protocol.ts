/** What the cgroup v2 guest (cgroup-v2-guest.ts) and the host that boots it (cgroup-v2-guest-boot.ts) agree on. */

/** Starts every line the guest reports on; the rest of its console (kernel messages, stderr) is only kept for errors. */
export const GUEST_RESULT_MARKER = '@@corazy-cgroup-v2@@';
export const GUEST_CGROUP_ROOT = '/sys/fs/cgroup';
/** The cgroup the guest's init shell and the worker start in, with memory and pids enabled for it by its parent. */
export const GUEST_WORKER_CGROUP = `${GUEST_CGROUP_ROOT}/worker`;

/** The worker's cgroup as the guest sees it at a point in time. */
export interface WorkerCgroupFinding {
  /** /proc/self/cgroup of the worker. */
  ownCgroup: string | null;
  workerProcs: string[];
  workerSubtreeControl: string | null;
  supervisorProcs: string[];
  /** Child cgroups of the worker's cgroup. */
  workerChildren: string[];
}

export interface ProbeFinding extends WorkerCgroupFinding {
  available: boolean;
  problems: string[];
  details: Record<string, string | number | boolean>;
  ms: number;
  instanceSubtreeControl: string | null;
}

export interface RunFinding {
  result: {
    exitCode: number | null;
    signal: string | null;
    limitHit: string | null;
    cpuMs: number;
    wallMs: number;
    peakMemoryBytes: number;
    stdout: string;
    stderr: string;
  };
  /** The run's cgroup (found by its limits while it ran) and its limit files as the kernel showed them. */
  runCgroup: string | null;
  limitFiles: Record<string, string | null>;
  /** Whether the run cgroup had memory.peak and cgroup.kill: which of the sandbox's code paths the run took. */
  kernelFiles: Record<string, boolean>;
  maxSwapCurrentBytes: number;
  runCgroupRemoved: boolean;
  leftoverProcesses: string[];
  instanceRunCgroups: Array<{ name: string; procs: number; pidsMax: string | null }>;
}

export interface ClosedFinding extends WorkerCgroupFinding {
  instanceExists: boolean;
}
