/**
 * bench/fairness, in one run on this machine, with the compile service and a worker as their own
 * processes on the real PostgreSQL, Redis and RabbitMQ (callers identified as the gateway would):
 *  1. the victim alone: python `print(1)` once a second, POST /api/runs + GET ?wait=, for BENCH_SECONDS;
 *  2. the flood: BENCH_USERS guests each keep their active jobs (GUEST_MAX_ACTIVE_JOBS) full of
 *     `time.sleep(60)` runs, each held until its wall limit, while the victim goes on as in 1.
 * Reports the victim's p50/p99 in both and their ratio, against the target: p99 under the flood within
 * the longest job's wall limit + 1 s. Results on stdout and in results/latest.json.
 * Run: npm run bench -w bench/fairness   (BENCH_USERS, BENCH_SECONDS override the sizes)
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { wallLimitMs } from '@corazy/contracts';
import { createTestDatabase } from '@corazy/database';
import { deleteTopology } from '@corazy/grading-queue';
import { freePort, spawnService, type ServiceProcess } from '@corazy/service-kit/testing';

const USERS = Number(process.env.BENCH_USERS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUN_TIME_LIMIT_MS = 3000;
const ACTIVE_PER_GUEST = 5;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const namespace = `bench.${randomUUID()}.`;
const concurrency = cpus().length;

const database = await createTestDatabase('bench_fairness');
const processes: ServiceProcess[] = [];
const start = async (name: string, env: Record<string, string>) => {
  const service = await spawnService(name, await freePort(), { LOG_LEVEL: 'warn', ...env });
  processes.push(service);
  return service;
};

const caller = (role: 'GUEST' | 'USER') => ({
  'x-user-id': randomUUID(),
  'x-user-nickname': 'bench',
  'x-user-role': role,
  'content-type': 'application/json',
});

try {
  const compile = await start('compile', {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    AMQP_URL: amqpUrl,
    AMQP_NAMESPACE: namespace,
    RUN_TIME_LIMIT_MS: String(RUN_TIME_LIMIT_MS),
    JOBS_PER_MINUTE: '100000',
    MAX_ACTIVE_JOBS_PER_USER: String(ACTIVE_PER_GUEST),
    GUEST_JOBS_PER_MINUTE: '100000',
    GUEST_MAX_ACTIVE_JOBS: String(ACTIVE_PER_GUEST),
    DISPATCH_WINDOW: String(concurrency + 1),
  });
  await start('compile-worker', {
    AMQP_URL: amqpUrl,
    AMQP_NAMESPACE: namespace,
    SANDBOX_BACKEND: 'namespace',
    WORKER_CONCURRENCY: String(concurrency),
  });

  /** Submits a run and waits for its result; returns the milliseconds from the POST to the result. */
  const runOnce = async (headers: Record<string, string>, source: string) => {
    const started = performance.now();
    let response: Response;
    // A result can reach ?wait (from the live event) a moment before the store counts the job done:
    // a flooder refilling at once may meet its own active cap, and tries again.
    for (;;) {
      response = await fetch(`${compile.url}/api/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ language: 'python', source, stdin: '' }),
      });
      if (response.status !== 429) break;
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (response.status !== 202) throw new Error(`run refused: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    for (;;) {
      const result = (await (await fetch(`${compile.url}/api/runs/${id}?wait=30`, { headers })).json()) as {
        status: string;
        verdict: string | null;
      };
      if (result.status === 'done') return { ms: performance.now() - started, verdict: result.verdict };
    }
  };

  /** The victim's `print(1)` once a second for `seconds`, each on its own, as a player would. */
  const victim = async (seconds: number) => {
    const headers = caller('USER');
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < seconds; i++) {
      pending.push(
        runOnce(headers, 'print(1)').then(({ ms, verdict }) => {
          if (verdict !== 'ACCEPTED') throw new Error(`the victim's run was ${verdict}`);
          latencies.push(ms);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await Promise.all(pending);
    return latencies;
  };

  for (let i = 0; i < 5; i++) await runOnce(caller('USER'), 'print(1)'); // warm up
  const alone = await victim(SECONDS);

  let flooding = true;
  let sleepers = 0;
  const flood = Array.from({ length: USERS }, async () => {
    const headers = caller('GUEST');
    await Promise.all(
      Array.from({ length: ACTIVE_PER_GUEST }, async () => {
        while (flooding) {
          await runOnce(headers, 'import time\ntime.sleep(60)');
          sleepers++;
        }
      }),
    );
  });
  // Let the backlog build before the victim starts.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const flooded = await victim(SECONDS);
  flooding = false;
  await Promise.all(flood);

  const longestWallMs = wallLimitMs(RUN_TIME_LIMIT_MS);
  const report = {
    machine: { cpus: concurrency, dispatchWindow: concurrency + 1 },
    flood: {
      users: USERS,
      activePerUser: ACTIVE_PER_GUEST,
      sleepersFinished: sleepers,
      wallLimitMs: longestWallMs,
    },
    victimAlone: percentiles(alone),
    victimFlooded: percentiles(flooded),
    ratioP50: round(percentiles(flooded).p50 / percentiles(alone).p50),
    ratioP99: round(percentiles(flooded).p99 / percentiles(alone).p99),
    targetP99Ms: longestWallMs + 1000,
  };
  console.log(
    `\nvictim: python print(1) once a second for ${SECONDS} s, alone and then while ${USERS} guests keep ` +
      `${ACTIVE_PER_GUEST} sleepers each active (wall limit ${longestWallMs} ms) on ${concurrency} cores`,
  );
  console.log(`  alone    p50 ${ms(report.victimAlone.p50)}  p99 ${ms(report.victimAlone.p99)}`);
  console.log(`  flooded  p50 ${ms(report.victimFlooded.p50)}  p99 ${ms(report.victimFlooded.p99)}`);
  console.log(`  ratio    p50 ${report.ratioP50}x  p99 ${report.ratioP99}x; ${sleepers} sleepers finished`);
  console.log(
    `  → p99 under the flood ${report.victimFlooded.p99 <= report.targetP99Ms ? 'meets' : 'misses'} the target ` +
      `(≤ ${report.targetP99Ms} ms: the longest job's wall limit + 1 s)`,
  );
  await mkdir(new URL('../results/', import.meta.url), { recursive: true });
  await writeFile(new URL('../results/latest.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  for (const service of processes.reverse()) await service.stop();
  await database.drop();
  await deleteTopology(amqpUrl, namespace).catch(() => undefined);
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: round(at(50)), p99: round(at(99)), max: round(sorted.at(-1)!), count: sorted.length };
}
function round(value: number) {
  return Math.round(value * 100) / 100;
}
function ms(value: number) {
  return `${value.toFixed(1)} ms`.padStart(10);
}
