/** Resource limits for one run. Every field is enforced by the kernel or by the supervising parent. */
export interface RunLimits {
  /** CPU time of every process in the run together (user + system). */
  cpuMs: number;
  /** Wall-clock time from start to the last process ending. */
  wallMs: number;
  /** Memory of the whole run (cgroup), swap excluded because swap is forbidden. */
  memoryBytes: number;
  /** Processes and threads alive at once (cgroup pids), the sandbox's own supervisor excluded. */
  processes: number;
  /** stdout + stderr bytes together; more kills the run with limitHit 'output'. */
  outputBytes: number;
  /** Largest file the run may write (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** RLIMIT_NOFILE; defaults to 256. */
  openFiles?: number;
  /** RLIMIT_STACK; defaults to the memory limit capped at 1 GiB, as judges usually allow. */
  stackBytes?: number;
}

export type LimitHit = 'cpu' | 'wall' | 'memory' | 'output' | 'processes' | 'fileSize';

/** A file to place in a workspace. Names are flat (no directories) so the host never walks a path user code could have changed. */
export interface WorkspaceFile {
  name: string;
  content: string | Uint8Array;
  executable?: boolean;
}

/** An opaque handle to a private directory that lives across runs: compile once, run many times. */
export interface Workspace {
  readonly id: string;
  readonly backend: SandboxBackendName;
}

export interface RunSpec {
  /** argv[0] is resolved on the sandbox's PATH (/usr/local/bin:/usr/bin:/bin); the working directory is the workspace. */
  command: readonly string[];
  /** Run in this workspace (e.g. against a compiled artifact). Without it a throwaway workspace is made and removed. */
  workspace?: Workspace;
  /** Files written into the workspace before the run. */
  files?: readonly WorkspaceFile[];
  stdin?: string | Uint8Array;
  limits: RunLimits;
  /**
   * May the run modify the workspace? Compilation needs it; test runs should not, so one test cannot leave
   * state for the next. Defaults to true for throwaway workspaces and false for a given workspace.
   */
  workspaceWritable?: boolean;
  /** Extra environment variables; the host environment is never passed through. */
  env?: Readonly<Record<string, string>>;
}

export interface RunResult {
  /** Exit code, or null when the process died from a signal. */
  exitCode: number | null;
  /** Signal name (e.g. 'SIGKILL') when the main process died from a signal. */
  signal: string | null;
  cpuMs: number;
  wallMs: number;
  peakMemoryBytes: number;
  /** The output read as UTF-8 (for checkers and messages); the exact bytes are in `stdoutBytes`/`stderrBytes`. */
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
  stderrBytes: Buffer;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  /** The first limit that ended or constrained the run, or null. */
  limitHit: LimitHit | null;
}

export type SandboxBackendName = 'namespace' | 'docker';

export interface ProbeResult {
  backend: SandboxBackendName;
  /** True only when untrusted code can be run here with every defence in place. */
  available: boolean;
  /** Why it is not available, one reason per entry. */
  problems: string[];
  /** What to install or change so that it becomes available. */
  remedies: string[];
  /** Facts found while probing (versions, cgroup version, paths), for logs and health endpoints. */
  details: Record<string, string | number | boolean>;
}

export interface CreateWorkspaceOptions {
  /** The docker backend picks its image by language; the namespace backend ignores it. */
  language?: string;
}

export interface Sandbox {
  readonly backend: SandboxBackendName;
  /** How many runs this sandbox executes at once; more calls queue. */
  readonly concurrency: number;
  /** Checks (and caches) whether this backend can run untrusted code here; never throws. */
  probe(): Promise<ProbeResult>;
  createWorkspace(options?: CreateWorkspaceOptions): Promise<Workspace>;
  writeFiles(workspace: Workspace, files: readonly WorkspaceFile[]): Promise<void>;
  run(spec: RunSpec): Promise<RunResult>;
  destroyWorkspace(workspace: Workspace): Promise<void>;
  /** Destroys remaining workspaces and releases cgroups / connections. */
  close(): Promise<void>;
}
