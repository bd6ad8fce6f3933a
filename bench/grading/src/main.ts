/**
 * bench/grading, in one run on this machine, with every service as its own process on the real
 * PostgreSQL, Redis and RabbitMQ, through the gateway:
 *  1. latency: POST /api/runs + GET /api/runs/:id?wait= for python `print(1)`, one at a time, against
 *     the sandbox's python3 run bare, spawned by the same Node process (target: within 30 ms at p50),
 *     and the same calls straight to the compile service (what the gateway adds), with where the time
 *     goes according to the worker's metrics;
 *  2. throughput: submissions to a 10-test problem as fast as they are accepted for a fixed time,
 *     then until all are judged: judged per second, and the job queue's depth every second.
 * Run: npm run bench -w bench/grading   (BENCH_RUNS, BENCH_SECONDS override the sizes)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { createTestDatabase } from '@corazy/database';
import { connectRabbitQueue, deleteTopology } from '@corazy/grading-queue';
import { PYTHON_PATH, SANDBOX_ENV } from '@corazy/sandbox';
import { freePort, spawnService, type ServiceProcess } from '@corazy/service-kit/testing';

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const namespace = `bench.${randomUUID()}.`;

const database = await createTestDatabase('bench_grading');
const quiet = { LOG_LEVEL: 'warn' };
const processes: ServiceProcess[] = [];
const start = async (name: string, env: Record<string, string>) => {
  const service = await spawnService(name, await freePort(), { ...quiet, ...env });
  processes.push(service);
  return service;
};

try {
  const infra = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    AMQP_URL: amqpUrl,
    AMQP_NAMESPACE: namespace,
  };
  const auth = await start('auth', infra);
  const compile = await start('compile', {
    ...infra,
    JOBS_PER_MINUTE: '1000000',
    MAX_ACTIVE_JOBS_PER_USER: '1000000',
    GUEST_JOBS_PER_MINUTE: '1000000',
    GUEST_MAX_ACTIVE_JOBS: '1000000',
  });
  const worker = await start('compile-worker', {
    AMQP_URL: amqpUrl,
    AMQP_NAMESPACE: namespace,
    SANDBOX_BACKEND: 'namespace',
  });
  const gateway = await start('gateway', {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `${namespace}:`,
    AUTH_URL: auth.url,
    COMPILE_URL: compile.url,
    RATE_LIMIT_PER_IP: '1000000000',
    RATE_LIMIT_PER_USER: '1000000000',
  });

  const session = (await (
    await fetch(`${gateway.url}/api/auth/guest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname: `bench${Date.now() % 100000}` }),
    })
  ).json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' };
  await createTenTestProblem(compile.url);

  // 1. latency
  const runOnce = async (baseUrl: string, callerHeaders: Record<string, string>) => {
    const started = performance.now();
    const created = (await (
      await fetch(`${baseUrl}/api/runs`, {
        method: 'POST',
        headers: callerHeaders,
        body: JSON.stringify({ language: 'python', source: 'print(1)', stdin: '' }),
      })
    ).json()) as { id: string };
    const result = (await (
      await fetch(`${baseUrl}/api/runs/${created.id}?wait=10`, { headers: callerHeaders })
    ).json()) as {
      status: string;
      stdout: string;
    };
    if (result.status !== 'done' || result.stdout !== '1\n')
      throw new Error(`run failed: ${JSON.stringify(result)}`);
    return performance.now() - started;
  };
  const bare = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      // The interpreter the sandbox runs, not whatever `python3` on PATH is (a pyenv shim costs ~80 ms),
      // started as the sandbox starts programs: its environment, and a new session (with autogroup
      // scheduling, a CPU share of its own rather than one shared with every service of this bench).
      const child = spawn(PYTHON_PATH, ['-c', 'print(1)'], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...SANDBOX_ENV },
        detached: true,
      });
      child.on('error', reject);
      child.on('exit', () => resolve(performance.now() - started));
    });
  // The same calls straight to the compile service, with the identity headers the gateway would set:
  // what the gateway adds is the difference.
  const asForwarded = {
    'x-user-id': randomUUID(),
    'x-user-nickname': 'bench',
    'x-user-role': 'USER',
    'content-type': 'application/json',
  };
  for (let i = 0; i < 10; i++) await runOnce(gateway.url, headers); // warm up: JIT, pools, the sandbox's helpers
  const runLatencies: number[] = [];
  const directLatencies: number[] = [];
  const bareLatencies: number[] = [];
  const workerBefore = await histogramTotals(worker.url);
  for (let i = 0; i < RUNS; i++) {
    runLatencies.push(await runOnce(gateway.url, headers));
    directLatencies.push(await runOnce(compile.url, asForwarded));
    bareLatencies.push(await bare());
  }
  const breakdown = runBreakdown(workerBefore, await histogramTotals(worker.url), mean(runLatencies));

  // 2. throughput, with the queue depth sampled every second
  const observer = await connectRabbitQueue(amqpUrl, { namespace, connectionName: 'bench-observer' });
  const reference = 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n';
  const submitted: string[] = [];
  const depth: { second: number; waiting: number; submitted: number }[] = [];
  const began = Date.now();
  const sampler = setInterval(() => {
    void observer
      .depth()
      .then(({ waiting }) =>
        depth.push({ second: Math.round((Date.now() - began) / 1000), waiting, submitted: submitted.length }),
      );
  }, 1000);
  const submitters = Array.from({ length: 4 }, async () => {
    while (Date.now() - began < SECONDS * 1000) {
      const response = await fetch(`${gateway.url}/api/submissions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          problem: 'bench-ten-tests',
          language: 'python',
          source: reference,
          mode: 'full',
        }),
      });
      if (response.status !== 202)
        throw new Error(`submission refused: ${response.status} ${await response.text()}`);
      submitted.push(((await response.json()) as { id: string }).id);
      // Pace the submitters just above what the worker can take, so the backlog shows without exploding.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  await Promise.all(submitters);
  let judged = 0;
  let lastJudgedAt = Date.now();
  const verdicts = new Map<string, number>();
  for (const id of submitted) {
    for (;;) {
      const view = (await (await fetch(`${gateway.url}/api/submissions/${id}`, { headers })).json()) as {
        status: string;
        verdict: string;
        finishedAt: string;
      };
      if (view.status === 'done') {
        judged++;
        verdicts.set(view.verdict, (verdicts.get(view.verdict) ?? 0) + 1);
        lastJudgedAt = Math.max(lastJudgedAt, Date.parse(view.finishedAt));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  clearInterval(sampler);
  await observer.close();
  const elapsedSeconds = (lastJudgedAt - began) / 1000;

  const summary = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    latency: {
      runs: RUNS,
      endToEnd: percentiles(runLatencies),
      straightToCompile: percentiles(directLatencies),
      barePython: percentiles(bareLatencies),
      p50OverBareMs: round(percentiles(runLatencies).p50 - percentiles(bareLatencies).p50),
      meanBreakdownMs: breakdown,
    },
    throughput: {
      problemTests: 10,
      submitSeconds: SECONDS,
      submitted: submitted.length,
      judged,
      verdicts: Object.fromEntries(verdicts),
      secondsUntilAllJudged: round(elapsedSeconds),
      submissionsPerSecond: round(judged / elapsedSeconds),
      testsPerSecond: round((judged * 10) / elapsedSeconds),
      queueDepth: depth,
    },
  };
  console.log(`\nPOST /api/runs + wait, python print(1), ${RUNS} sequential runs through the gateway`);
  console.log(
    `  end to end  p50 ${ms(summary.latency.endToEnd.p50)}  p99 ${ms(summary.latency.endToEnd.p99)}`,
  );
  console.log(
    `  no gateway  p50 ${ms(summary.latency.straightToCompile.p50)}  p99 ${ms(summary.latency.straightToCompile.p99)}  (straight to the compile service)`,
  );
  console.log(
    `  bare python p50 ${ms(summary.latency.barePython.p50)}  p99 ${ms(summary.latency.barePython.p99)}`,
  );
  console.log(`  → the platform adds ${summary.latency.p50OverBareMs} ms at p50 (target ≤ 30 ms)`);
  console.log(`  where a run's time goes, means from the worker's metrics:`);
  for (const [part, value] of Object.entries(breakdown)) console.log(`    ${ms(value)}  ${part}`);
  console.log(
    `\n${judged} submissions of a 10-test problem (python), ${SECONDS} s of submitting on ${cpus().length} cores`,
  );
  console.log(
    `  ${summary.throughput.submissionsPerSecond} submissions/s = ${summary.throughput.testsPerSecond} tests/s; verdicts ${JSON.stringify(summary.throughput.verdicts)}`,
  );
  console.log(`  queue depth (waiting jobs) per second: ${depth.map((sample) => sample.waiting).join(' ')}`);
  await mkdir(new URL('../results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL('../results/latest.json', import.meta.url),
    JSON.stringify(summary, null, 2) + '\n',
  );
} finally {
  for (const service of processes.reverse()) await service.stop();
  await database.drop();
  await deleteNamespace();
}

/** A problem with exactly ten tests (a+b over a few sizes), made through the admin API. */
async function createTenTestProblem(compileUrl: string) {
  const admin = {
    'x-user-id': randomUUID(),
    'x-user-nickname': 'bench',
    'x-user-role': 'ADMIN',
    'content-type': 'application/json',
  };
  const texts = {
    title: 'Bench A+B',
    statement: 'Print $A+B$.',
    input: 'Two integers.',
    output: 'Their sum.',
  };
  const created = await fetch(`${compileUrl}/api/problems`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({
      slug: 'bench-ten-tests',
      difficulty: 'easy',
      tags: ['math'],
      timeLimitMs: 1000,
      memoryLimitMb: 128,
      texts: { ko: texts, en: texts },
    }),
  });
  if (created.status !== 201) throw new Error(`cannot create the bench problem: ${await created.text()}`);
  for (let i = 1; i <= 10; i++) {
    const a = i * 1234567;
    const b = -i * 7654;
    const put = await fetch(
      `${compileUrl}/api/problems/bench-ten-tests/tests/${String(i).padStart(2, '0')}`,
      {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify({ input: `${a} ${b}\n`, output: `${a + b}\n`, sample: i <= 2 }),
      },
    );
    if (put.status !== 204) throw new Error(`cannot add test ${i}: ${await put.text()}`);
  }
}

async function deleteNamespace() {
  await deleteTopology(amqpUrl, namespace).catch(() => undefined);
}

/** Sum and count of every histogram a service exports, over all its label sets. */
async function histogramTotals(serviceUrl: string): Promise<Map<string, { sum: number; count: number }>> {
  const totals = new Map<string, { sum: number; count: number }>();
  for (const line of (await (await fetch(`${serviceUrl}/metrics`)).text()).split('\n')) {
    const match = /^(\w+)_(sum|count)(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (!match) continue;
    const total = totals.get(match[1]!) ?? { sum: 0, count: 0 };
    total[match[2] as 'sum' | 'count'] += Number(match[3]);
    totals.set(match[1]!, total);
  }
  return totals;
}

/**
 * The worker's view of the measured runs (its histograms' growth over them, in ms per run: runs
 * through the gateway and straight to the compile service are alike there), and what is left of the
 * end-to-end mean through the gateway: the HTTP calls through the gateway, the job's transaction, and the
 * result's way back to the waiting GET. The job's time ends at the final's confirm, a little after
 * the compile service has it, so what is left is slightly understated.
 */
function runBreakdown(
  before: Map<string, { sum: number; count: number }>,
  after: Map<string, { sum: number; count: number }>,
  endToEndMs: number,
) {
  const perRun = (name: string, optional = false) => {
    const [start, end] = [before.get(name) ?? { sum: 0, count: 0 }, after.get(name)];
    if (!end || end.count === start.count) {
      if (optional) return 0;
      throw new Error(`the worker reported no ${name}`);
    }
    return ((end.sum - start.sum) / (end.count - start.count)) * 1000;
  };
  const queued = perRun('grading_queue_wait_seconds');
  const job = perRun('grading_job_duration_seconds');
  // Python's syntax is checked in the program's own start: no compile step is reported then.
  const compile = perRun('grading_compile_duration_seconds', true);
  const run = perRun('grading_test_duration_seconds');
  return {
    'job stored → the worker starts it (publish, broker)': round(queued),
    'sandbox: compile step (none when python checks its syntax in the run)': round(compile),
    'sandbox: the program (syntax check and main.py in one start)': round(run),
    'worker: workspace, verdict, final published and confirmed': round(job - compile - run),
    'the rest: HTTP through the gateway, the transaction, the result back to ?wait': round(
      endToEndMs - queued - job,
    ),
  };
}

function mean(values: number[]) {
  return values.reduce((total, value) => total + value, 0) / values.length;
}
function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: round(at(50)), p90: round(at(90)), p99: round(at(99)), max: round(sorted.at(-1)!) };
}
function round(value: number) {
  return Math.round(value * 100) / 100;
}
function ms(value: number) {
  return `${value.toFixed(1)} ms`.padStart(9);
}
