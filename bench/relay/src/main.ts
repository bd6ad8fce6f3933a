/**
 * bench/relay: bots play relay games through the gateway on two relay replicas, then the same bots
 * type into a plain `ws` broadcast server (the baseline), in one run on this machine.
 *
 * N rooms × 4 players. In each room the active player types KEYS_PER_SECOND keystrokes a second the
 * way the web client's shared editor sends them (each keystroke its own push, one in flight, the next
 * when the author's operation comes back); the other three watch. Players of a room are spread over two gateway + relay pairs, so every
 * room's events cross replicas through Redis. Reported: clients connected, operations per second,
 * keystroke-to-spectator latency (typed → applied by a spectator, p50/p99), operations lost or out of
 * order, CPU and memory per process.
 *
 * Run: npm run bench -w bench/relay   (BENCH_ROOMS=500 BENCH_SECONDS=30 by default)
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createTestDatabase } from '@corazy/database';
import { freePort, spawnService, type ServiceProcess } from '@corazy/service-kit/testing';
import { BaselineBot, RelayBot, RunStats } from './bots.js';
import { coresUsed, findProcess, sampleMachine, sampleProcess, type ProcessSample } from './process-stats.js';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 500);
const PLAYERS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = 5;
const KEYS_PER_SECOND = Number(process.env.BENCH_KEYS_PER_SECOND ?? 8);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const runId = String(Date.now() % 100_000);
const relayPrefix = `bench:relay:${runId}:`;
const gatewayPrefix = `bench:gw:${runId}:`;
/** A folder: the relays and gateways write a CPU profile there when they stop (see cpu-profile.mjs). */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const profiled: Record<string, string> = PROFILE_DIR
  ? {
      NODE_OPTIONS: `--import ${fileURLToPath(new URL('../cpu-profile.mjs', import.meta.url))}`,
      CPU_PROFILE_DIR: PROFILE_DIR,
    }
  : {};

/** How often the bots' event loop is sampled for lateness. */
const LOOP_SAMPLE_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

async function json<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Measure {
  clients: number;
  /** Every process of the machine, this run's and anyone else's: the cores busy during the measure. */
  machineBusyCores: number;
  operationsPerSecond: number;
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  lost: number;
  outOfOrder: number;
  seqGaps: number;
  errors: Record<string, number>;
  /**
   * How late the bots' own event loop ran (p99, ms): a latency this process adds to every figure
   * above. Small against p99 means the bots are not what is measured.
   */
  botLoopDelayP99Ms: number;
  processes: Record<string, { cores: number; rssMb: number }>;
}

/** Lets the bots type, then measures SECONDS of it: latencies, rates, and each process's CPU and memory. */
async function measure(
  stats: RunStats,
  typists: { startTyping(k: number): void; stopTyping(): void }[],
  processes: Record<string, number>,
  clients: number,
): Promise<Omit<Measure, 'lost'>> {
  for (const typist of typists) typist.startTyping(KEYS_PER_SECOND);
  await sleep(WARMUP_SECONDS * 1000);
  const before: Record<string, ProcessSample> = {};
  for (const [name, pid] of Object.entries(processes)) before[name] = await sampleProcess(pid);
  const benchBefore = process.cpuUsage();
  const machineBefore = await sampleMachine();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  loopDelay.enable();
  stats.startMeasuring();
  await sleep(SECONDS * 1000);
  stats.measuring = false;
  loopDelay.disable();
  const machineAfter = await sampleMachine();
  const result: Record<string, { cores: number; rssMb: number }> = {};
  for (const [name, pid] of Object.entries(processes)) {
    const after = await sampleProcess(pid);
    result[name] = { cores: coresUsed(before[name]!, after, SECONDS), rssMb: after.rssMb };
  }
  const bench = process.cpuUsage(benchBefore);
  result['bots (this process)'] = {
    cores: Math.round(((bench.user + bench.system) / 1e6 / SECONDS) * 100) / 100,
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  };
  for (const typist of typists) typist.stopTyping();
  const machineCores = cpus().length;
  return {
    clients,
    machineBusyCores:
      Math.round(
        ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
          machineCores *
          100,
      ) / 100,
    operationsPerSecond: Math.round(stats.operationsAccepted / SECONDS),
    deliveriesPerSecond: Math.round(stats.operationsDelivered / SECONDS),
    p50Ms: round(stats.percentile(50)),
    p99Ms: round(stats.percentile(99)),
    maxMs: round(stats.percentile(100)),
    outOfOrder: stats.outOfOrder,
    seqGaps: stats.seqGaps,
    errors: Object.fromEntries(stats.errors),
    // The histogram holds the time between samples: the sampling interval itself is not lateness.
    botLoopDelayP99Ms: round(Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_SAMPLE_MS)),
    processes: result,
  };
}

/** Spectators whose document differs from their room's typist once typing stopped and the room settled. */
function lostOperations(
  rooms: { typist: { text: string }; spectators: { text: string; version: number }[] }[],
) {
  let lost = 0;
  for (const room of rooms)
    for (const spectator of room.spectators) if (spectator.text !== room.typist.text) lost++;
  return lost;
}

async function runRelay(): Promise<Measure> {
  const [authDb, compileDb] = await Promise.all([
    createTestDatabase('bench_relay_auth'),
    createTestDatabase('bench_relay_compile'),
  ]);
  const quiet = { LOG_LEVEL: 'warn' };
  const services: ServiceProcess[] = [];
  try {
    const [auth, compile] = await Promise.all([
      freePort().then((port) =>
        spawnService('auth', port, {
          ...quiet,
          DATABASE_URL: authDb.url,
          REDIS_URL: redisUrl,
          // Every bench player signs up from this one machine.
          GUEST_SIGNUPS_PER_ADDRESS: String(ROOMS * PLAYERS),
        }),
      ),
      freePort().then((port) =>
        spawnService('compile', port, {
          ...quiet,
          DATABASE_URL: compileDb.url,
          REDIS_URL: redisUrl,
          AMQP_URL: amqpUrl,
          AMQP_NAMESPACE: `bench.relay.${runId}.`,
        }),
      ),
    ]);
    services.push(auth, compile);
    const relayEnv = {
      ...quiet,
      ...profiled,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: relayPrefix,
      COMPILE_URL: compile.url,
      // Every bot signs in and creates its room from this one address.
      ROOMS_PER_MINUTE_PER_ADDRESS: String(ROOMS),
    };
    const relays = await Promise.all(
      ['A', 'B'].map(async (id) => spawnService('relay', await freePort(), { ...relayEnv, REPLICA_ID: id })),
    );
    services.push(...relays);
    // One gateway per replica: the gateway has one upstream per service, and a load balancer in
    // front of two replicas is not what is measured here.
    const gateways = await Promise.all(
      relays.map(async (relay) =>
        spawnService('gateway', await freePort(), {
          ...quiet,
          ...profiled,
          REDIS_URL: redisUrl,
          REDIS_KEY_PREFIX: gatewayPrefix,
          AUTH_URL: auth.url,
          RELAY_URL: relay.url,
          COMPILE_URL: compile.url,
          RATE_LIMIT_PER_IP: '1000000000',
          RATE_LIMIT_PER_USER: '1000000000',
        }),
      ),
    );
    services.push(...gateways);
    const gatewayUrl = (i: number) => gateways[i % 2]!.url;

    console.log(`signing in ${ROOMS * PLAYERS} guests…`);
    const sessions = await pool(
      Array.from({ length: ROOMS * PLAYERS }, (_, i) => i),
      32,
      (i) =>
        json<{ accessToken: string }>(`${gatewayUrl(i)}/api/auth/guest`, {
          method: 'POST',
          body: JSON.stringify({ nickname: `b${runId}_${i}` }),
        }),
    );
    const token = (room: number, seat: number) => sessions[room * PLAYERS + seat]!.accessToken;

    console.log(`creating ${ROOMS} rooms…`);
    const roomIds = await pool(
      Array.from({ length: ROOMS }, (_, r) => r),
      32,
      async (r) => {
        const room = await json<{ id: string }>(`${gatewayUrl(r)}/api/relay/rooms`, {
          method: 'POST',
          token: token(r, 0),
          body: JSON.stringify({
            name: `bench ${r}`,
            language: 'python',
            problem: 'a-plus-b',
            strategySeconds: 0,
            turnSeconds: 300,
          }),
        });
        for (let seat = 1; seat < PLAYERS; seat++) {
          await json(`${gatewayUrl(r + seat)}/api/relay/rooms/${room.id}/join`, {
            method: 'POST',
            token: token(r, seat),
          });
        }
        return room.id;
      },
    );

    console.log(`connecting ${ROOMS * PLAYERS} WebSockets through the gateways…`);
    const stats = new RunStats();
    const rooms = await pool(roomIds, 16, async (roomId, r) => {
      const bots = await Promise.all(
        Array.from({ length: PLAYERS }, (_, seat) =>
          RelayBot.connect(gatewayUrl(r + seat), token(r, seat), roomId, stats),
        ),
      );
      for (const bot of bots) await bot.request({ type: 'room.subscribe', roomId });
      for (const bot of bots.slice(1)) await bot.request({ type: 'ready', roomId, ready: true });
      const relayStarted = bots.map((bot) =>
        bot.waitFor((f) => f.type === 'phase.changed' && f.phase === 'RELAY'),
      );
      const answer = await bots[0]!.request({ type: 'start', roomId });
      if (answer.type === 'error') throw new Error(`start refused: ${answer.code} ${answer.message}`);
      await Promise.all(relayStarted);
      bots[0]!.typist = true;
      return { typist: bots[0]!, spectators: bots.slice(1) };
    });

    console.log(
      `typing: ${ROOMS} typists at ${KEYS_PER_SECOND} keys/s, ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured…`,
    );
    const redisPid = await findProcess('redis-server');
    const processes: Record<string, number> = {
      ...(redisPid ? { redis: redisPid } : {}),
      'relay A': relays[0]!.process.pid!,
      'relay B': relays[1]!.process.pid!,
      'gateway A': gateways[0]!.process.pid!,
      'gateway B': gateways[1]!.process.pid!,
    };
    const result = await measure(
      stats,
      rooms.map((room) => room.typist),
      processes,
      ROOMS * PLAYERS,
    );
    await sleep(3_000);
    const lost = lostOperations(rooms);
    for (const room of rooms) for (const bot of [room.typist, ...room.spectators]) bot.close();
    return { ...result, lost };
  } finally {
    for (const service of services.reverse()) await service.stop();
    await authDb.drop();
    await compileDb.drop();
    await deleteKeys([relayPrefix, gatewayPrefix]);
  }
}

/** Deletes this run's keys (a run of 500 rooms leaves about 5,500) from the shared Redis. */
async function deleteKeys(prefixes: string[]) {
  const redis = new Redis(redisUrl);
  try {
    for (const prefix of prefixes) {
      for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1_000 }) as AsyncIterable<
        string[]
      >) {
        if (keys.length > 0) await redis.unlink(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
}

async function runBaseline(): Promise<Measure> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./baseline-server.ts', import.meta.url))],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const port = await new Promise<number>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      }),
    );
    const stats = new RunStats();
    const rooms = await pool(
      Array.from({ length: ROOMS }, (_, r) => r),
      16,
      async (r) => {
        const bots = await Promise.all(
          Array.from({ length: PLAYERS }, () =>
            BaselineBot.connect(`ws://127.0.0.1:${port}`, `room${r}`, stats),
          ),
        );
        bots[0]!.typist = true;
        return { typist: bots[0]!, spectators: bots.slice(1) };
      },
    );
    const result = await measure(
      stats,
      rooms.map((room) => room.typist),
      { 'broadcast server': child.pid! },
      ROOMS * PLAYERS,
    );
    await sleep(3_000);
    const lost = lostOperations(rooms);
    for (const room of rooms) for (const bot of [room.typist, ...room.spectators]) bot.close();
    return { ...result, lost };
  } finally {
    child.kill();
  }
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}

const only = process.env.BENCH_ONLY;
const relay = only === 'baseline' ? undefined : await runRelay();
console.log('baseline: the same bots on a plain ws broadcast server…');
const baseline = only === 'relay' ? undefined : await runBaseline();

const summary = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  rooms: ROOMS,
  playersPerRoom: PLAYERS,
  keysPerSecond: KEYS_PER_SECOND,
  seconds: SECONDS,
  relay,
  baseline,
};
console.log(
  `\n${ROOMS} rooms × ${PLAYERS} players, ${KEYS_PER_SECOND} keys/s per typist, ${SECONDS} s, ${summary.machine.cpus} cores, Node ${process.version}\n`,
);
console.log(
  'run      | clients | ops/s | deliveries/s | p50 ms | p99 ms | max ms | lost | out of order | seq gaps | bot loop p99 ms | errors',
);
console.log(
  '---------|--------:|------:|-------------:|-------:|-------:|-------:|-----:|-------------:|---------:|----------------:|------',
);
for (const [name, m] of [
  ['relay', relay],
  ['baseline', baseline],
] as const) {
  if (!m) continue;
  console.log(
    `${name.padEnd(8)} | ${String(m.clients).padStart(7)} | ${String(m.operationsPerSecond).padStart(5)} | ${String(m.deliveriesPerSecond).padStart(12)} | ${m.p50Ms.toFixed(1).padStart(6)} | ${m.p99Ms.toFixed(1).padStart(6)} | ${m.maxMs.toFixed(1).padStart(6)} | ${String(m.lost).padStart(4)} | ${String(m.outOfOrder).padStart(12)} | ${String(m.seqGaps).padStart(8)} | ${m.botLoopDelayP99Ms.toFixed(1).padStart(15)} | ${JSON.stringify(m.errors)}`,
  );
}
console.log(
  `\nmachine busy (all processes, anyone's): relay run ${relay?.machineBusyCores ?? '-'} cores, baseline run ${baseline?.machineBusyCores ?? '-'} cores`,
);
console.log('\nprocess             | cores | RSS MB');
console.log('--------------------|------:|------:');
for (const m of [relay, baseline]) {
  if (!m) continue;
  for (const [name, p] of Object.entries(m.processes))
    console.log(`${name.padEnd(19)} | ${p.cores.toFixed(2).padStart(5)} | ${String(p.rssMb).padStart(6)}`);
}
await mkdir(new URL('../results/', import.meta.url), { recursive: true });
await writeFile(new URL('../results/latest.json', import.meta.url), JSON.stringify(summary, null, 2) + '\n');
process.exit(0);
