import { execFile } from 'node:child_process';
import { lstatSync, readlinkSync } from 'node:fs';
import { promisify } from 'node:util';
import { SANDBOX_WORKDIR } from './run-support.js';

const execFileAsync = promisify(execFile);

/**
 * Who builds a run's namespaces and file system; everything else (cgroups, the network namespace, rlimits, the uid
 * drop, workspaces, output caps, the kill paths) is the namespace backend's, shared by both. See docs/sandbox.md.
 * - native (default): the root helper unshares mount/PID/IPC/UTS/cgroup namespaces and mounts the root itself.
 * - bubblewrap: the helper drops to the sandbox uid and execs bwrap, which does it in an unprivileged user namespace.
 */
export const NAMESPACE_ENGINES = ['native', 'bubblewrap'] as const;
export type NamespaceEngineName = (typeof NAMESPACE_ENGINES)[number];

export interface NamespaceEngineSettings {
  readOnlyPaths: readonly string[];
  /** Empty root-only directory the native engine mounts each run's root tmpfs on (in the run's mount namespace). */
  rootDir: string;
  /** Size of each run's /tmp and /dev/shm. */
  tmpBytes: number;
  /** Whether runs join a slot's network namespace; otherwise the engine makes a new one per run. */
  slotNetworkNamespaces: boolean;
  bwrapPath: string;
}

export interface NamespaceEngine {
  readonly name: NamespaceEngineName;
  /** Processes of the engine's own in the run's cgroup, counted against pids.max on top of the program's. */
  readonly supervisorProcesses: number;
  /**
   * Mode of the directories above a workspace. The native helper walks them as root; bwrap runs as the sandbox uid
   * and must traverse them to bind a workspace (nobody may list them: workspace names are random UUIDs).
   */
  readonly directoryMode: number;
  /** What to do when the trial run fails. */
  readonly trialRemedy: string;
  /** Checks what the engine needs on this host; returns the problem and its remedy, or details for the probe. */
  prepare(): Promise<{ problem: string; remedy: string } | { details: Record<string, string> }>;
  /** Helper options shared by every run, given when a (warm) helper starts. */
  helperArguments(): string[];
  /** The rest of a run's helper options and its program, sent when the run starts. */
  runArguments(workspaceDir: string, writable: boolean, command: readonly string[]): string[];
}

class NativeEngine implements NamespaceEngine {
  readonly name = 'native' as const;
  /** The helper (the run's supervisor) and the PID namespace's init. */
  readonly supervisorProcesses = 2;
  readonly directoryMode = 0o700;
  readonly trialRemedy =
    'run the worker as root with CAP_SYS_ADMIN, CAP_MKNOD and CAP_SETPCAP outside any seccomp or AppArmor profile ' +
    'that forbids unshare, mount or pivot_root (in Docker: --privileged, or --cap-add SYS_ADMIN --cap-add MKNOD ' +
    '--cap-add SETPCAP --security-opt seccomp=unconfined; docs/deploy.md has the whole set)';

  constructor(private readonly settings: NamespaceEngineSettings) {}

  async prepare(): Promise<{ details: Record<string, string> }> {
    return { details: { engine: this.name } };
  }

  helperArguments(): string[] {
    return [
      ...this.settings.readOnlyPaths.flatMap((path) => ['--ro', path]),
      '--root',
      this.settings.rootDir,
      '--tmp-size',
      String(this.settings.tmpBytes),
    ];
  }

  runArguments(workspaceDir: string, writable: boolean, command: readonly string[]): string[] {
    return [writable ? '--box-rw' : '--box-ro', workspaceDir, '--', ...command];
  }
}

/** Where the helper puts the compiled seccomp filter for bwrap's --seccomp (any descriptor it leaves free). */
const BWRAP_SECCOMP_FD = 6;
/** bwrap's --json-status-fd: the helper's status descriptor, kept open for it. */
const BWRAP_STATUS_FD = 4;

class BubblewrapEngine implements NamespaceEngine {
  readonly name = 'bubblewrap' as const;
  /** The helper (subreaper), bubblewrap's monitor and its PID namespace's init. */
  readonly supervisorProcesses = 3;
  readonly directoryMode = 0o711;
  readonly trialRemedy =
    'allow unprivileged user namespaces (sysctl user.max_user_namespaces>0; Debian: kernel.unprivileged_userns_clone=1; ' +
    'Ubuntu 24.04: kernel.apparmor_restrict_unprivileged_userns=0) and check that bubblewrap runs, or use the native engine';
  private bwrapPath: string;
  private fixedBwrapArguments: string[] = [];

  constructor(private readonly settings: NamespaceEngineSettings) {
    this.bwrapPath = settings.bwrapPath;
  }

  async prepare(): Promise<{ problem: string; remedy: string } | { details: Record<string, string> }> {
    let version: string;
    try {
      const { stdout } = await execFileAsync(this.bwrapPath, ['--version']);
      version = stdout.trim().replace(/^bubblewrap\s+/, '');
    } catch {
      return { problem: 'bubblewrap (bwrap) is not installed', remedy: 'apt-get install -y bubblewrap' };
    }
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major === 0 && minor < 8) {
      return {
        problem: `bubblewrap ${version} is too old (needs --size and --disable-userns)`,
        remedy: 'install bubblewrap >= 0.8 (Debian 12: apt-get install bubblewrap)',
      };
    }
    // The helper execs it with an empty environment: no PATH lookup.
    if (!this.bwrapPath.includes('/')) {
      const { stdout } = await execFileAsync('/bin/sh', ['-c', 'command -v "$0"', this.bwrapPath]);
      this.bwrapPath = stdout.trim();
    }
    this.fixedBwrapArguments = this.buildFixedBwrapArguments();
    return { details: { engine: this.name, bwrapVersion: version, bwrap: this.bwrapPath } };
  }

  helperArguments(): string[] {
    return ['--engine', 'bubblewrap', '--seccomp-fd', String(BWRAP_SECCOMP_FD)];
  }

  runArguments(workspaceDir: string, writable: boolean, command: readonly string[]): string[] {
    const tmpSize = String(this.settings.tmpBytes);
    return [
      '--',
      this.bwrapPath,
      ...this.fixedBwrapArguments,
      writable ? '--bind' : '--ro-bind',
      workspaceDir,
      SANDBOX_WORKDIR,
      '--chdir',
      SANDBOX_WORKDIR,
      '--size',
      tmpSize,
      '--tmpfs',
      '/tmp',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      // --dev leaves /dev/shm on the unbounded /dev tmpfs; give it its own bounded one.
      '--size',
      tmpSize,
      '--tmpfs',
      '/dev/shm',
      // Last: everything not mounted above (the root tmpfs bubblewrap builds) becomes read-only.
      '--remount-ro',
      '/',
      '--',
      ...command,
    ];
  }

  private buildFixedBwrapArguments(): string[] {
    const args = [
      '--unshare-user',
      '--unshare-pid',
      '--unshare-ipc',
      '--unshare-uts',
      '--unshare-cgroup-try',
      ...(this.settings.slotNetworkNamespaces ? [] : ['--unshare-net']),
      '--disable-userns',
      '--die-with-parent',
      '--new-session',
      '--cap-drop',
      'ALL',
      '--hostname',
      'sandbox',
      '--seccomp',
      String(BWRAP_SECCOMP_FD),
      '--json-status-fd',
      String(BWRAP_STATUS_FD),
    ];
    for (const path of this.settings.readOnlyPaths) {
      let stats;
      try {
        stats = lstatSync(path);
      } catch {
        continue;
      }
      // Recreating a symlink (/bin -> usr/bin on merged-/usr systems) costs no mount.
      if (stats.isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
      else args.push('--ro-bind', path, path);
    }
    return args;
  }
}

export function createNamespaceEngine(
  name: NamespaceEngineName,
  settings: NamespaceEngineSettings,
): NamespaceEngine {
  return name === 'bubblewrap' ? new BubblewrapEngine(settings) : new NativeEngine(settings);
}
