import { randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { SandboxInternalError, SandboxUnavailableError } from './errors.js';
import { getLanguage } from './languages.js';
import {
  CappedBuffer,
  classifyLimit,
  rlimitArguments,
  SANDBOX_ENV,
  SANDBOX_WORKDIR,
  signalName,
  stderrKeepBytes,
  stdoutKeepBytes,
  toBuffer,
  validateWorkspaceFiles,
} from './run-support.js';
import { SlotPool } from './slot-pool.js';
import { tarFiles } from './tar.js';
import type {
  CreateWorkspaceOptions,
  LimitHit,
  ProbeResult,
  RunResult,
  RunSpec,
  Sandbox,
  Workspace,
  WorkspaceFile,
} from './types.js';

/**
 * Docker backend: one container per run, sharing a per-submission tmpfs volume as the workspace.
 *
 * Why a container per run rather than one per submission with `exec` per test: an exec cannot be killed on its
 * own (only the whole container), its processes (a daemonised grandchild) survive into the next test, and memory
 * peak and OOM are only known per container. A fresh container per test gives each test its own cgroup, PID
 * namespace, /tmp and limits, at the cost of ~100-500 ms of engine overhead per run. The namespace backend is the
 * fast path; this one is for hosts where the worker cannot be root with CAP_SYS_ADMIN.
 */

export interface DockerSandboxOptions {
  /** dockerode connection options; default: DOCKER_HOST or /var/run/docker.sock. */
  docker?: Docker.DockerOptions;
  concurrency?: number;
  /** Image per language; defaults to each language's dockerImage. Images must contain the helper at helperPath. */
  images?: Partial<Record<string, string>>;
  /** Image for runs whose workspace was created without a language. */
  defaultImage?: string;
  /** Where the static measuring helper lives inside every image. */
  helperPath?: string;
  /** Unprivileged uid:gid the program runs as. */
  user?: string;
  workspaceBytes?: number;
  tmpBytes?: number;
}

interface DockerWorkspace extends Workspace {
  volume: string;
  image: string;
  /** Container id of the sleeping holder that keeps the tmpfs volume mounted. */
  holder: string;
}

interface HelperReport {
  exitCode: number;
  signal: number;
  cpuUs: number;
  maxRssKb: number;
}

const LABEL = 'dev.corazy.sandbox';
/** Names the sandbox instance that made a container, so that instances sharing an engine can tell theirs apart. */
export const OWNER_LABEL = 'dev.corazy.sandbox.owner';
/** Docker's default masked paths plus the cgroup tree, which on cgroup v1 shows the host's hierarchy. */
const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
  '/sys/fs/cgroup',
];
/** Without it the engine copies the image's /box (owner root) over the fresh volume, making it unwritable. */
const NO_COPY = { NoCopy: true, Labels: {}, DriverConfig: { Name: 'local', Options: {} } };
const MiB = 1024 * 1024;

export class DockerSandbox implements Sandbox {
  readonly backend = 'docker' as const;
  readonly instanceId = randomUUID();
  readonly concurrency: number;
  private readonly docker: Docker;
  private readonly slots: SlotPool;
  private readonly workspaces = new Map<string, DockerWorkspace>();
  private readonly helperPath: string;
  private readonly user: string;
  private readonly workspaceBytes: number;
  private readonly tmpBytes: number;
  private probeResult: Promise<ProbeResult> | null = null;

  constructor(private readonly options: DockerSandboxOptions = {}) {
    this.docker = new Docker(options.docker);
    this.concurrency = options.concurrency ?? 2;
    this.slots = new SlotPool(this.concurrency);
    this.helperPath = options.helperPath ?? '/opt/corazy/helper';
    this.user = options.user ?? '65534:65534';
    this.workspaceBytes = options.workspaceBytes ?? 128 * MiB;
    this.tmpBytes = options.tmpBytes ?? 64 * MiB;
  }

  imageFor(language: string | undefined): string {
    if (language === undefined) return this.options.defaultImage ?? getLanguage('python3').dockerImage;
    return this.options.images?.[language] ?? getLanguage(language).dockerImage;
  }

  probe(): Promise<ProbeResult> {
    this.probeResult ??= this.doProbe();
    return this.probeResult;
  }

  private async doProbe(): Promise<ProbeResult> {
    const result: ProbeResult = {
      backend: 'docker',
      available: false,
      problems: [],
      remedies: [],
      details: {},
    };
    try {
      const version = await this.docker.version();
      result.details.engineVersion = version.Version;
      result.details.apiVersion = version.ApiVersion;
    } catch (error) {
      result.problems.push(`no Docker engine answers: ${(error as Error).message}`);
      result.remedies.push('start dockerd (e.g. `dockerd &` as root) or set DOCKER_HOST');
      return result;
    }
    const images = new Set([
      this.imageFor(undefined),
      ...['python3', 'java', 'c', 'cpp', 'javascript'].map((id) => this.imageFor(id)),
    ]);
    for (const image of images) {
      try {
        await this.docker.getImage(image).inspect();
      } catch {
        result.problems.push(`image ${image} is missing`);
      }
    }
    if (result.problems.length > 0) {
      result.remedies.push(
        'build the language images (packages/sandbox/docker/build-test-images.sh builds them from the host toolchains)',
      );
      return result;
    }
    result.available = true;
    return result;
  }

  private async ensureAvailable(): Promise<void> {
    const probe = await this.probe();
    if (!probe.available) throw new SandboxUnavailableError(probe);
  }

  async createWorkspace(options: CreateWorkspaceOptions = {}): Promise<Workspace> {
    await this.ensureAvailable();
    return this.createWorkspaceUnchecked(options.language);
  }

  private async createWorkspaceUnchecked(language?: string): Promise<DockerWorkspace> {
    const id = randomUUID();
    const volume = `corazy-ws-${id}`;
    const [uid, gid] = this.user.split(':');
    // A tmpfs volume: size-limited, never on the engine's disk, gone when removed.
    await this.docker.createVolume({
      Name: volume,
      Driver: 'local',
      DriverOpts: {
        type: 'tmpfs',
        device: 'tmpfs',
        o: `size=${this.workspaceBytes},nr_inodes=4096,uid=${uid},gid=${gid},mode=0755,nosuid,nodev`,
      },
      Labels: { [LABEL]: 'workspace', [OWNER_LABEL]: this.instanceId },
    });
    const image = this.imageFor(language);
    // The local driver mounts a tmpfs volume while some container uses it and unmounts (losing the files) when the
    // last one stops. A sleeping holder container keeps it mounted for the workspace's lifetime.
    const holder = await this.docker.createContainer({
      Image: image,
      Cmd: ['sleep', 'infinity'],
      User: this.user,
      Labels: { [LABEL]: 'workspace-holder', [OWNER_LABEL]: this.instanceId },
      HostConfig: {
        NetworkMode: 'none',
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        Memory: 16 * MiB,
        MemorySwap: 16 * MiB,
        PidsLimit: 1,
        Mounts: [
          { Type: 'volume', Source: volume, Target: SANDBOX_WORKDIR, ReadOnly: true, VolumeOptions: NO_COPY },
        ],
      },
    });
    await holder.start();
    const workspace: DockerWorkspace = { id, backend: 'docker', volume, image, holder: holder.id };
    this.workspaces.set(id, workspace);
    return workspace;
  }

  private lookup(workspace: Workspace): DockerWorkspace {
    const found = this.workspaces.get(workspace.id);
    if (!found) throw new SandboxInternalError(`unknown or destroyed workspace ${workspace.id}`);
    return found;
  }

  async writeFiles(workspace: Workspace, files: readonly WorkspaceFile[]): Promise<void> {
    validateWorkspaceFiles(files);
    const { volume, image } = this.lookup(workspace);
    // Extracted by tar inside a locked-down container of the workspace's image: the engine's putArchive does not
    // reach tmpfs volumes of a stopped container, and nothing on this host walks a path the program could have
    // changed. GNU tar unlinks an existing entry (e.g. a planted symlink) before writing a file of that name.
    const archive = tarFiles(
      files.map((file) => ({
        name: file.name,
        content: toBuffer(file.content),
        mode: file.executable ? 0o755 : 0o644,
      })),
    );
    await retryOnStartFailure(() => this.extractInto(volume, image, archive));
  }

  private async extractInto(volume: string, image: string, archive: Buffer): Promise<void> {
    const container = await this.docker.createContainer({
      Image: image,
      Cmd: ['tar', '-x', '--no-same-owner', '--no-same-permissions', '-C', SANDBOX_WORKDIR, '-f', '-'],
      User: this.user,
      Labels: { [LABEL]: 'writer', [OWNER_LABEL]: this.instanceId },
      AttachStdin: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: true,
      HostConfig: {
        NetworkMode: 'none',
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        Memory: 64 * MiB,
        MemorySwap: 64 * MiB,
        PidsLimit: 8,
        Mounts: [{ Type: 'volume', Source: volume, Target: SANDBOX_WORKDIR, VolumeOptions: NO_COPY }],
      },
    });
    try {
      const stream = await container.attach({ stream: true, stdin: true, stderr: true, hijack: true });
      const errors = new PassThrough();
      const message = new CappedBuffer(4096);
      errors.on('data', (chunk: Buffer) => message.push(chunk));
      this.docker.modem.demuxStream(stream, new PassThrough(), errors);
      try {
        await container.start();
      } catch (error) {
        throw new ContainerStartError(error);
      }
      stream.end(archive);
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      if (StatusCode !== 0)
        throw new SandboxInternalError(`writing workspace files failed: ${message.text()}`);
    } finally {
      await container.remove({ force: true });
    }
  }

  async destroyWorkspace(workspace: Workspace): Promise<void> {
    const found = this.workspaces.get(workspace.id);
    if (!found) return;
    this.workspaces.delete(workspace.id);
    await this.docker.getContainer(found.holder).remove({ force: true });
    await this.docker.getVolume(found.volume).remove({ force: true });
  }

  async run(spec: RunSpec): Promise<RunResult> {
    await this.ensureAvailable();
    const workspace = spec.workspace ? this.lookup(spec.workspace) : await this.createWorkspaceUnchecked();
    try {
      if (spec.files && spec.files.length > 0) await this.writeFiles(workspace, spec.files);
      const slot = await this.slots.acquire();
      try {
        const writable = spec.workspaceWritable ?? spec.workspace === undefined;
        return await retryOnStartFailure(() => this.execute(workspace, writable, spec));
      } finally {
        this.slots.release(slot);
      }
    } finally {
      if (!spec.workspace) await this.destroyWorkspace(workspace);
    }
  }

  private async execute(workspace: DockerWorkspace, writable: boolean, spec: RunSpec): Promise<RunResult> {
    const { limits } = spec;
    // A per-run secret marker: the helper's report is the last stderr line that carries it.
    const marker = `@@corazy-${randomBytes(12).toString('hex')}@@`;
    const env = { ...SANDBOX_ENV, ...spec.env };
    const container = await this.docker.createContainer({
      Image: workspace.image,
      Cmd: [
        this.helperPath,
        'measure',
        ...rlimitArguments(limits, 0),
        '--marker',
        marker,
        '--',
        ...spec.command,
      ],
      User: this.user,
      WorkingDir: SANDBOX_WORKDIR,
      Env: Object.entries(env).map(([name, value]) => `${name}=${value}`),
      Labels: { [LABEL]: 'run', [OWNER_LABEL]: this.instanceId },
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: true,
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        Memory: limits.memoryBytes,
        MemorySwap: limits.memoryBytes,
        // The helper (PID 1) is one of them.
        PidsLimit: limits.processes + 1,
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        IpcMode: 'private',
        Tmpfs: { '/tmp': `rw,nosuid,nodev,size=${this.tmpBytes}` },
        MaskedPaths: MASKED_PATHS,
        ShmSize: this.tmpBytes,
        Mounts: [
          {
            Type: 'volume',
            Source: workspace.volume,
            Target: SANDBOX_WORKDIR,
            ReadOnly: !writable,
            VolumeOptions: NO_COPY,
          },
        ],
      },
    });
    try {
      const stdout = new CappedBuffer(stdoutKeepBytes(limits));
      const stderr = new CappedBuffer(stderrKeepBytes(limits));
      // The helper's report arrives after everything else on stderr; keep the tail even when stderr is capped.
      let stderrTail = Buffer.alloc(0);
      let killedFor: LimitHit | null = null;
      const killFor = (reason: LimitHit) => {
        if (killedFor) return;
        killedFor = reason;
        container.kill().catch(() => undefined);
      };
      const stdoutSink = new PassThrough();
      const stderrSink = new PassThrough();
      stdoutSink.on('data', (chunk: Buffer) => {
        stdout.push(chunk);
        if (stdout.total + stderr.total > limits.outputBytes + 4096) killFor('output');
      });
      stderrSink.on('data', (chunk: Buffer) => {
        stderr.push(chunk);
        stderrTail = Buffer.concat([stderrTail, chunk]).subarray(-4096);
        if (stdout.total + stderr.total > limits.outputBytes + 4096) killFor('output');
      });
      const stream = await container.attach({
        stream: true,
        stdin: true,
        stdout: true,
        stderr: true,
        hijack: true,
      });
      const streamEnded = new Promise<void>((resolve) => {
        stream.once('end', resolve);
        stream.once('close', resolve);
        stream.once('error', () => resolve());
      });
      this.docker.modem.demuxStream(stream, stdoutSink, stderrSink);

      const started = performance.now();
      try {
        await container.start();
      } catch (error) {
        throw new ContainerStartError(error);
      }
      // Half-closing the hijacked connection is EOF on the program's stdin (StdinOnce).
      if (spec.stdin === undefined) stream.end();
      else stream.end(toBuffer(spec.stdin));
      const wallTimer = setTimeout(() => killFor('wall'), limits.wallMs);
      let waited: { StatusCode: number };
      try {
        waited = (await container.wait()) as { StatusCode: number };
      } finally {
        clearTimeout(wallTimer);
      }
      const wallMs = performance.now() - started;
      await Promise.race([streamEnded, new Promise((resolve) => setTimeout(resolve, 1000))]);
      const state = (await container.inspect()).State;

      const report = parseReport(stderrTail.toString('utf8'), marker);
      const stderrBytes = stripReport(stderr.bytes(), marker);
      const userStderrBytes = stderr.total - (report ? Buffer.byteLength(`\n${marker}`) + report.length : 0);
      let exitCode: number | null = report ? report.value.exitCode : waited.StatusCode;
      let signal: string | null = report && report.value.signal > 0 ? signalName(report.value.signal) : null;
      if (!report && waited.StatusCode > 128) {
        signal = signalName(waited.StatusCode - 128);
        exitCode = null;
      }
      if (signal !== null) exitCode = null;
      const cpuMs = report ? report.value.cpuUs / 1000 : 0;
      const limitHit = classifyLimit({
        killedFor:
          killedFor ?? (stdout.total + Math.max(0, userStderrBytes) > limits.outputBytes ? 'output' : null),
        oomKilled: state.OOMKilled === true,
        cpuMs,
        limits,
        signal,
        processLimitHit: false,
      });
      return {
        exitCode,
        signal,
        cpuMs,
        wallMs: Math.round(wallMs * 1000) / 1000,
        peakMemoryBytes: report ? report.value.maxRssKb * 1024 : 0,
        stdout: stdout.text(),
        stderr: stderrBytes.toString('utf8'),
        stdoutBytes: stdout.bytes(),
        stderrBytes,
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
        limitHit,
      };
    } finally {
      await container.remove({ force: true, v: false }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    for (const workspace of [...this.workspaces.values()])
      await this.destroyWorkspace(workspace).catch(() => undefined);
    this.probeResult = null;
  }
}

class ContainerStartError extends Error {
  constructor(cause: unknown) {
    super(`container did not start: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The engine sometimes fails to start a container ("cannot start a stopped process"); nothing has run in it
 * then, so one retry is safe.
 */
async function retryOnStartFailure<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ContainerStartError)) throw error;
    return attempt();
  }
}

function parseReport(tail: string, marker: string): { value: HelperReport; length: number } | null {
  const at = tail.lastIndexOf(`\n${marker}`);
  if (at < 0) return null;
  const line = tail.slice(at + 1 + marker.length).split('\n')[0] ?? '';
  try {
    return { value: JSON.parse(line) as HelperReport, length: line.length + 1 };
  } catch {
    return null;
  }
}

function stripReport(bytes: Buffer, marker: string): Buffer {
  const at = bytes.lastIndexOf(`\n${marker}`);
  return at < 0 ? bytes : bytes.subarray(0, at);
}
