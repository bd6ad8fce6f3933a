import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '@corazy/contracts';
import { startTestAuth, testRedisUrl, type TestAuth } from '@corazy/auth/testing';
import { freePort, spawnService, type ServiceProcess } from '@corazy/service-kit/testing';

/**
 * The gateway's memory under a flood of oversize uploads, measured on its own process (Linux
 * /proc): its peak resident set may grow by RSS_BOUND_MIB at most (docs/benchmarks.md). Before body
 * limits were enforced as bodies streamed in, 16 uploads of 60 MiB took the process up by 1 GB.
 */
const UPLOADS = 16;
const UPLOAD_MIB = 60;
const RSS_BOUND_MIB = 64;
const MiB = 1024 * 1024;

let auth: TestAuth;
let upstream: Server;
let gateway: ServiceProcess;

beforeAll(async () => {
  auth = await startTestAuth();
  upstream = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('{}'));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  gateway = await spawnService('gateway', await freePort(), {
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
    AUTH_URL: auth.url,
    COMPILE_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
  });
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  await auth?.close();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

/** Resident set and its peak, in MiB. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** A chunked upload of `bytes` (so only counting can stop it); resolves with the answer's status. */
function chunkedUpload(url: string, token: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    request.on('response', (response) => {
      answered = true;
      response.resume();
      resolve(response.statusCode!);
    });
    request.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(MiB, 'x');
    void (async () => {
      for (let sent = 0; sent < bytes && !answered && !request.destroyed; sent += MiB)
        if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
      if (!request.destroyed) request.end();
    })();
  });
}

describe('memory at the edge', () => {
  it(`${UPLOADS} concurrent ${UPLOAD_MIB} MiB uploads grow the gateway's peak RSS by less than ${RSS_BOUND_MIB} MiB`, async () => {
    const session = Session.parse(
      await (
        await fetch(`${gateway.url}/api/auth/guest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ nickname: `mem${randomUUID().slice(0, 8)}` }),
        })
      ).json(),
    );
    // Warm up the paths measured (JIT, pools), then start the peak afresh.
    for (let i = 0; i < 3; i++) await chunkedUpload(`${gateway.url}/api/runs`, session.accessToken, 4 * MiB);
    const pid = gateway.process.pid!;
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const before = memoryOf(pid);

    const statuses = await Promise.all(
      Array.from({ length: UPLOADS }, () =>
        chunkedUpload(`${gateway.url}/api/runs`, session.accessToken, UPLOAD_MIB * MiB),
      ),
    );
    const after = memoryOf(pid);
    console.log(
      `gateway RSS: ${before.rss.toFixed(1)} MiB before, peak ${after.peak.toFixed(1)} MiB during ` +
        `${UPLOADS} × ${UPLOAD_MIB} MiB uploads (growth ${(after.peak - before.rss).toFixed(1)} MiB, bound ${RSS_BOUND_MIB})`,
    );
    expect(statuses).toEqual(Array(UPLOADS).fill(413));
    expect(after.peak - before.rss).toBeLessThan(RSS_BOUND_MIB);
  }, 60_000);
});
