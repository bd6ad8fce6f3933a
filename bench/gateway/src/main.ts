/**
 * bench/gateway: GET /api/auth/me three ways in one run on this machine:
 *   direct  — straight to the auth service (identity headers set by the client, as the gateway would);
 *   nginx   — through nginx (Debian's package) proxying to auth, the reference proxy;
 *   gateway — through our gateway, which verifies the EdDSA token, rate-limits through Redis, and
 *             forwards the identity.
 * Two phases each: one connection in a closed loop (latency the proxy adds) and 64 connections
 * (throughput). Run: npm run bench -w bench/gateway
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { createTestDatabase } from '@corazy/database';
import { freePort, spawnService } from '@corazy/service-kit/testing';
import { startNginx } from './nginx.js';
import { wrk, type LoadResult } from './wrk.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const database = await createTestDatabase('bench_gateway');
const quiet = { LOG_LEVEL: 'warn' };
const auth = await spawnService('auth', await freePort(), {
  ...quiet,
  DATABASE_URL: database.url,
  REDIS_URL: redisUrl,
});
const gateway = await spawnService('gateway', await freePort(), {
  ...quiet,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: `bench:${Date.now()}:`,
  AUTH_URL: auth.url,
  RATE_LIMIT_PER_IP: '1000000000',
  RATE_LIMIT_PER_USER: '1000000000',
});
const nginxPort = await freePort();
const nginx = await startNginx(nginxPort, auth.url);

try {
  const signIn = await fetch(`${gateway.url}/api/auth/guest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: `bench${Date.now() % 100000}` }),
  });
  const session = (await signIn.json()) as {
    accessToken: string;
    user: { id: string; nickname: string; role: string };
  };
  const identity = {
    'x-user-id': session.user.id,
    'x-user-nickname': encodeURIComponent(session.user.nickname),
    'x-user-role': session.user.role,
  };
  const targets: [name: string, url: string, headers: Record<string, string>][] = [
    ['direct', `${auth.url}/api/auth/me`, identity],
    ['nginx', `http://127.0.0.1:${nginxPort}/api/auth/me`, identity],
    ['gateway', `${gateway.url}/api/auth/me`, { authorization: `Bearer ${session.accessToken}` }],
  ];
  for (const [name, url, headers] of targets) {
    const check = await fetch(url, { headers });
    if (check.status !== 200) throw new Error(`${name} answered ${check.status}: ${await check.text()}`);
    await wrk(url, { connections: 8, threads: 1, seconds: 2, headers }); // warm up JIT and pools
  }

  const results: Record<string, { latency: LoadResult; throughput: LoadResult }> = {};
  for (const [name, url, headers] of targets) {
    results[name] = {
      latency: await wrk(url, { connections: 1, threads: 1, seconds: SECONDS, headers }),
      throughput: await wrk(url, { connections: 64, threads: 2, seconds: SECONDS, headers }),
    };
  }

  const r = (name: string) => results[name]!;
  const summary = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    seconds: SECONDS,
    results,
    gatewayAddedP50Ms: round(r('gateway').latency.p50Ms - r('direct').latency.p50Ms),
    gatewayAddedP99Ms: round(r('gateway').latency.p99Ms - r('direct').latency.p99Ms),
    nginxAddedP50Ms: round(r('nginx').latency.p50Ms - r('direct').latency.p50Ms),
    gatewayThroughputVsNginx: round(
      r('gateway').throughput.requestsPerSecond / r('nginx').throughput.requestsPerSecond,
    ),
    gatewayThroughputVsDirect: round(
      r('gateway').throughput.requestsPerSecond / r('direct').throughput.requestsPerSecond,
    ),
  };

  console.log(
    `\nGET /api/auth/me, ${SECONDS} s per phase, ${summary.machine.cpus} cores, Node ${process.version}\n`,
  );
  console.log('target   | 1 conn p50 | 1 conn p99 | 64 conn req/s | 64 conn p50 | 64 conn p99 | errors');
  console.log('---------|-----------:|-----------:|--------------:|------------:|------------:|------:');
  for (const [name] of targets) {
    const { latency, throughput } = r(name);
    console.log(
      `${name.padEnd(8)} | ${ms(latency.p50Ms)} | ${ms(latency.p99Ms)} | ${throughput.requestsPerSecond.toFixed(0).padStart(13)} | ${ms(throughput.p50Ms, 11)} | ${ms(throughput.p99Ms, 11)} | ${String(latency.errors + throughput.errors).padStart(6)}`,
    );
  }
  console.log(
    `\ngateway adds ${summary.gatewayAddedP50Ms} ms at p50 (target ≤ 1 ms); nginx adds ${summary.nginxAddedP50Ms} ms`,
  );
  console.log(
    `gateway throughput = ${(summary.gatewayThroughputVsNginx * 100).toFixed(0)}% of nginx (target ≥ 50%), ${(summary.gatewayThroughputVsDirect * 100).toFixed(0)}% of direct`,
  );
  await mkdir(new URL('../results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL('../results/latest.json', import.meta.url),
    JSON.stringify(summary, null, 2) + '\n',
  );
} finally {
  nginx.stop();
  await gateway.stop();
  await auth.stop();
  await database.drop();
}

function round(value: number) {
  return Math.round(value * 1000) / 1000;
}
function ms(value: number, width = 10) {
  return `${value.toFixed(2)} ms`.padStart(width);
}
