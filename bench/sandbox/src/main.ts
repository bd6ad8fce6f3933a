/**
 * Sandbox benchmark, one command: `npm run bench -w bench/sandbox`.
 *
 * 1. Per-execution time of trivial programs (python3, c, java, javascript): bare process, namespace sandbox (its
 *    default native engine, and its bubblewrap engine), and `docker run --rm` per execution (when an engine
 *    answers). Same argv everywhere, interleaved, medians.
 * 2. Grading throughput: one submission against 100 tests on all cores, bare vs both namespace engines, with
 *    the CPU each run costs (the worker's, and the whole machine's), which bounds throughput when every core is busy.
 * Prints a table and writes results/latest.json.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  LANGUAGES,
  NamespaceSandbox,
  PYTHON_PATH,
  SANDBOX_ENV,
  grade,
  type GradeRequest,
  type RunLimits,
  type Sandbox,
  type Workspace,
} from '@corazy/sandbox';
import { BareRunner } from './bare-runner.js';

const execFileAsync = promisify(execFile);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const DOCKER_ITERATIONS = Number(process.env.BENCH_DOCKER_ITERATIONS ?? 8);
const GRADING_ROUNDS = Number(process.env.BENCH_GRADING_ROUNDS ?? 5);
const MiB = 1024 * 1024;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Program {
  language: 'python3' | 'c' | 'java' | 'javascript';
  argv: string[];
  /** Files the program needs in its working directory. */
  files: Array<{ name: string; executable?: boolean }>;
  memoryBytes: number;
  processes: number;
}

/** Builds the trivial programs once on the host: the same artifacts run bare, in the sandbox and in Docker. */
async function preparePrograms(dir: string): Promise<Program[]> {
  writeFileSync(join(dir, 'main.c'), 'int main(void) { return 0; }\n');
  await execFileAsync('gcc', ['-O2', '-o', join(dir, 'main'), join(dir, 'main.c')]);
  writeFileSync(join(dir, 'Main.java'), 'public class Main { public static void main(String[] args) {} }\n');
  await execFileAsync('javac', ['-d', dir, join(dir, 'Main.java')]);
  writeFileSync(join(dir, 'main.js'), '\n');
  const memoryBytes = 256 * MiB;
  const context = { memoryBytes, stackBytes: 64 * MiB };
  return [
    { language: 'python3', argv: [PYTHON_PATH, '-c', 'pass'], files: [], memoryBytes, processes: 16 },
    {
      language: 'c',
      argv: ['./main'],
      files: [{ name: 'main', executable: true }],
      memoryBytes,
      processes: 16,
    },
    {
      language: 'java',
      argv: LANGUAGES.java.runCommand({ ...context, sourceFileName: 'Main.java' }),
      files: [{ name: 'Main.class' }],
      memoryBytes: memoryBytes + LANGUAGES.java.runtimeOverheadBytes,
      processes: 16 + LANGUAGES.java.runtimeThreads,
    },
    {
      language: 'javascript',
      argv: LANGUAGES.javascript.runCommand({ ...context, sourceFileName: 'main.js' }),
      files: [{ name: 'main.js' }],
      memoryBytes: memoryBytes + LANGUAGES.javascript.runtimeOverheadBytes,
      processes: 16 + LANGUAGES.javascript.runtimeThreads,
    },
  ];
}

function runBare(argv: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [command = '', ...args] = argv;
    // The same environment the sandbox gives (the worker's own, e.g. tsx's NODE_OPTIONS, would skew node), and the
    // same new session (detached = setsid), which with autogroup scheduling is also a CPU share of its own.
    const child = spawn(command, args, {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...SANDBOX_ENV },
      detached: true,
    });
    child.stdin.end();
    child.stdout.resume();
    child.stderr.resume();
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${argv.join(' ')} exited ${code}`)),
    );
  });
}

async function dockerAvailable(): Promise<boolean> {
  try {
    await execFileAsync('docker', ['image', 'inspect', LANGUAGES.python3.dockerImage]);
    return true;
  } catch {
    return false;
  }
}

async function timeDockerRun(program: Program, dir: string): Promise<number> {
  const started = performance.now();
  await execFileAsync('docker', [
    'run',
    '--rm',
    '--network',
    'none',
    '--user',
    '65534:65534',
    '--memory',
    String(program.memoryBytes),
    '--memory-swap',
    String(program.memoryBytes),
    '--pids-limit',
    String(program.processes),
    '--read-only',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '-v',
    `${dir}:/box:ro`,
    '-w',
    '/box',
    LANGUAGES[program.language].dockerImage,
    ...program.argv,
  ]);
  return performance.now() - started;
}

interface ExecutionRow {
  language: string;
  bareMs: number;
  namespaceMs: number;
  namespaceRatio: number;
  dockerRunMs: number | null;
  dockerOverNamespace: number | null;
  /** The namespace backend's bubblewrap engine (the numbers above are its default, native engine). */
  bubblewrapMs: number;
  bubblewrapAddsMs: number;
  /**
   * What each sandbox adds to the bare run. docker / namespace can never exceed (docker run) / bare, however small
   * the namespace overhead, so for runtimes that take long to start (Java, Node) the overheads are the fair view.
   */
  namespaceAddsMs: number;
  dockerAddsMs: number | null;
  /** The best docker / namespace ratio any sandbox could reach here: docker run / bare. */
  dockerOverBare: number | null;
}

async function measureExecutions(
  sandbox: Sandbox,
  bubblewrap: Sandbox,
  programs: Program[],
  dir: string,
  withDocker: boolean,
): Promise<ExecutionRow[]> {
  const rows: ExecutionRow[] = [];
  for (const program of programs) {
    const files = program.files.map((file) => ({
      name: file.name,
      content: readFileSync(join(dir, file.name)),
      executable: file.executable,
    }));
    const workspace = await sandbox.createWorkspace();
    await sandbox.writeFiles(workspace, files);
    const bubblewrapWorkspace = await bubblewrap.createWorkspace();
    await bubblewrap.writeFiles(bubblewrapWorkspace, files);
    const limits: RunLimits = {
      cpuMs: 5000,
      wallMs: 10_000,
      memoryBytes: program.memoryBytes,
      processes: program.processes,
      outputBytes: MiB,
      fileSizeBytes: MiB,
    };
    const runIn = async (runner: Sandbox, inWorkspace: Workspace) => {
      const result = await runner.run({ command: program.argv, workspace: inWorkspace, limits });
      if (result.exitCode !== 0)
        throw new Error(`${program.language} failed in the sandbox: ${result.stderr}`);
      return result.wallMs;
    };
    // Warm-up: page cache, JIT of this process, the first cgroup of the run.
    for (let i = 0; i < 3; i++) {
      await runBare(program.argv, dir);
      await runIn(sandbox, workspace);
      await runIn(bubblewrap, bubblewrapWorkspace);
    }
    const bare: number[] = [];
    const namespace: number[] = [];
    const bubblewrapTimes: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      bare.push(await runBare(program.argv, dir));
      namespace.push(await runIn(sandbox, workspace));
      bubblewrapTimes.push(await runIn(bubblewrap, bubblewrapWorkspace));
    }
    await sandbox.destroyWorkspace(workspace);
    await bubblewrap.destroyWorkspace(bubblewrapWorkspace);
    let dockerRunMs: number | null = null;
    if (withDocker) {
      await timeDockerRun(program, dir);
      const docker: number[] = [];
      for (let i = 0; i < DOCKER_ITERATIONS; i++) docker.push(await timeDockerRun(program, dir));
      dockerRunMs = median(docker);
    }
    const bareMs = median(bare);
    const namespaceMs = median(namespace);
    const bubblewrapMs = median(bubblewrapTimes);
    rows.push({
      language: program.language,
      bareMs: round(bareMs),
      namespaceMs: round(namespaceMs),
      namespaceRatio: round(namespaceMs / bareMs, 3),
      dockerRunMs: dockerRunMs === null ? null : round(dockerRunMs),
      dockerOverNamespace: dockerRunMs === null ? null : round(dockerRunMs / namespaceMs, 1),
      bubblewrapMs: round(bubblewrapMs),
      bubblewrapAddsMs: round(bubblewrapMs - bareMs),
      namespaceAddsMs: round(namespaceMs - bareMs),
      dockerAddsMs: dockerRunMs === null ? null : round(dockerRunMs - bareMs),
      dockerOverBare: dockerRunMs === null ? null : round(dockerRunMs / bareMs, 1),
    });
    console.error(`measured ${program.language}`);
  }
  return rows;
}

function gradingRequest(): GradeRequest {
  const tests = Array.from({ length: 100 }, (_, index) => {
    const a = (index * 7919) % 100_000;
    const b = (index * 104_729) % 100_000;
    return { id: String(index + 1), input: `${a} ${b}\n`, expected: `${a + b}\n` };
  });
  return {
    language: 'python3',
    source: 'a, b = map(int, input().split())\nprint(a + b)\n',
    tests,
    limits: { timeMs: 2000, memoryMb: 256 },
  };
}

/**
 * CPU time of this process (the worker: every thread) and of the whole machine (every core busy: the worker, the
 * sandbox's fork servers and helpers, the programs, kernel threads tearing namespaces down, and anything else
 * running, so record on a quiet machine), in ms. With both cores busy, throughput is bound by the machine's share.
 * The programs are not the worker's children (the fork servers reap them), so the worker's cutime would miss them.
 */
function cpuSpentMs(): { worker: number; machine: number } {
  const usage = process.cpuUsage();
  // The first line of /proc/stat: cpu user nice system idle iowait irq softirq steal ..., in ticks of 10 ms.
  const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = ticks;
  return {
    worker: (usage.user + usage.system) / 1000,
    machine: (user + nice + system + irq + softirq) * 10,
  };
}

async function measureGrading(sandbox: Sandbox, bubblewrap: Sandbox, bare: Sandbox) {
  const request = gradingRequest();
  const runsPerGrading = request.tests.length + 1;
  const cpu = new Map<Sandbox, { worker: number; machine: number }>();
  const timeGrade = async (runner: Sandbox) => {
    const started = performance.now();
    const cpuBefore = cpuSpentMs();
    const result = await grade(runner, { ...request, concurrency: availableParallelism() });
    if (result.verdict !== 'ACCEPTED')
      throw new Error(`grading failed: ${result.verdict} ${result.message ?? ''}`);
    const cpuAfter = cpuSpentMs();
    const total = cpu.get(runner) ?? { worker: 0, machine: 0 };
    total.worker += cpuAfter.worker - cpuBefore.worker;
    total.machine += cpuAfter.machine - cpuBefore.machine;
    cpu.set(runner, total);
    return performance.now() - started;
  };
  // Per sandboxed run (compile + tests), over every timed round.
  const cpuPerRun = (runner: Sandbox) => {
    const total = cpu.get(runner) ?? { worker: 0, machine: 0 };
    const runs = GRADING_ROUNDS * runsPerGrading;
    return { workerMs: round(total.worker / runs), machineMs: round(total.machine / runs) };
  };
  await timeGrade(bare);
  await timeGrade(sandbox);
  await timeGrade(bubblewrap);
  cpu.clear();
  const bareTimes: number[] = [];
  const namespaceTimes: number[] = [];
  const bubblewrapTimes: number[] = [];
  for (let round = 0; round < GRADING_ROUNDS; round++) {
    bareTimes.push(await timeGrade(bare));
    namespaceTimes.push(await timeGrade(sandbox));
    bubblewrapTimes.push(await timeGrade(bubblewrap));
  }
  const bareMs = median(bareTimes);
  const namespaceMs = median(namespaceTimes);
  const bubblewrapMs = median(bubblewrapTimes);
  return {
    tests: request.tests.length,
    cores: availableParallelism(),
    bareMs: round(bareMs),
    namespaceMs: round(namespaceMs),
    bareTestsPerSecond: round((request.tests.length / bareMs) * 1000, 1),
    namespaceTestsPerSecond: round((request.tests.length / namespaceMs) * 1000, 1),
    namespaceShareOfBare: round(bareMs / namespaceMs, 3),
    bubblewrapMs: round(bubblewrapMs),
    bubblewrapTestsPerSecond: round((request.tests.length / bubblewrapMs) * 1000, 1),
    bubblewrapShareOfBare: round(bareMs / bubblewrapMs, 3),
    cpuPerRun: { bare: cpuPerRun(bare), namespace: cpuPerRun(sandbox), bubblewrap: cpuPerRun(bubblewrap) },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'corazy-bench-'));
// docker run mounts it for an unprivileged user.
chmodSync(dir, 0o755);
const sandbox = new NamespaceSandbox();
const bubblewrapSandbox = new NamespaceSandbox({ engine: 'bubblewrap' });
const bare = new BareRunner();
try {
  const probe = await sandbox.probe();
  if (!probe.available) throw new Error(`namespace sandbox unavailable: ${probe.problems.join('; ')}`);
  const bubblewrapProbe = await bubblewrapSandbox.probe();
  if (!bubblewrapProbe.available)
    throw new Error(`bubblewrap engine unavailable: ${bubblewrapProbe.problems.join('; ')}`);
  const programs = await preparePrograms(dir);
  const withDocker = await dockerAvailable();
  const executions = await measureExecutions(sandbox, bubblewrapSandbox, programs, dir, withDocker);
  const grading = await measureGrading(sandbox, bubblewrapSandbox, bare);
  const python = executions.find((row) => row.language === 'python3');
  const dockerRatios = executions.flatMap((row) =>
    row.dockerOverNamespace === null ? [] : [row.dockerOverNamespace],
  );
  const targets = {
    pythonWithin125PercentOfBare: (python?.namespaceRatio ?? Infinity) <= 1.25,
    tenTimesFasterThanDockerRun: dockerRatios.length === 0 ? null : Math.min(...dockerRatios) >= 10,
    gradingAtLeast80PercentOfBare: grading.namespaceShareOfBare >= 0.8,
  };

  console.log('\nPer-execution time, trivial program (median ms)');
  console.table(
    executions.map((row) => ({
      language: row.language,
      'bare ms': row.bareMs,
      'namespace ms': row.namespaceMs,
      'namespace / bare': row.namespaceRatio,
      'bubblewrap ms': row.bubblewrapMs,
      'docker run ms': row.dockerRunMs ?? 'n/a',
      'docker / namespace': row.dockerOverNamespace ?? 'n/a',
      'namespace adds ms': row.namespaceAddsMs,
      'bubblewrap adds ms': row.bubblewrapAddsMs,
      'docker adds ms': row.dockerAddsMs ?? 'n/a',
      'docker / bare (ratio bound)': row.dockerOverBare ?? 'n/a',
    })),
  );
  console.log(`Grading 1 submission (python3) x ${grading.tests} tests on ${grading.cores} cores`);
  const cpuColumns = (runner: keyof typeof grading.cpuPerRun) => ({
    'worker CPU ms/run': grading.cpuPerRun[runner].workerMs,
    'machine CPU ms/run': grading.cpuPerRun[runner].machineMs,
  });
  console.table([
    {
      runner: 'bare',
      'total ms': grading.bareMs,
      'tests/s': grading.bareTestsPerSecond,
      ...cpuColumns('bare'),
    },
    {
      runner: 'namespace',
      'total ms': grading.namespaceMs,
      'tests/s': grading.namespaceTestsPerSecond,
      ...cpuColumns('namespace'),
    },
    {
      runner: 'bubblewrap',
      'total ms': grading.bubblewrapMs,
      'tests/s': grading.bubblewrapTestsPerSecond,
      ...cpuColumns('bubblewrap'),
    },
  ]);
  console.log(`namespace throughput = ${(grading.namespaceShareOfBare * 100).toFixed(1)}% of bare`);
  console.log(`bubblewrap engine throughput = ${(grading.bubblewrapShareOfBare * 100).toFixed(1)}% of bare`);
  console.log('targets', targets);

  const here = dirname(fileURLToPath(import.meta.url));
  mkdirSync(join(here, '..', 'results'), { recursive: true });
  writeFileSync(
    join(here, '..', 'results', 'latest.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model,
          kernel: release(),
          node: process.version,
        },
        sandbox: probe.details,
        bubblewrapEngine: bubblewrapProbe.details,
        iterations: {
          executions: ITERATIONS,
          dockerRun: withDocker ? DOCKER_ITERATIONS : 0,
          gradingRounds: GRADING_ROUNDS,
        },
        executions,
        grading,
        targets,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await sandbox.close();
  await bubblewrapSandbox.close();
  await bare.close();
  rmSync(dir, { recursive: true, force: true });
}
