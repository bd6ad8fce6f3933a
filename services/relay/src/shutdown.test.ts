import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnService, type ServiceProcess } from '@corazy/service-kit/testing';
import { call, freePort, RelayClient, testRedisUrl, testUser } from './testing.js';

/**
 * A relay process stopped the way a deployment stops it, with connections open as the gateway leaves
 * them: a WebSocket, a keep-alive connection between requests, and a spare its HTTP pool opened but
 * never used (which once held the listener open for a minute after every game).
 */

let relay: ServiceProcess | undefined;

afterAll(async () => {
  await relay?.stop('SIGKILL');
});

describe('stopping a relay', () => {
  it('ends on SIGTERM within seconds, closing its WebSockets with 1012 and its idle and unused connections', async () => {
    relay = await spawnService('relay', await freePort(), {
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: `test:relay:${randomUUID()}:`,
    });
    const player = await RelayClient.connect(relay.url, testUser('Player'));
    await player.request({ type: 'lobby.subscribe' });
    // fetch keeps its connection alive after the answer.
    expect((await call(relay.url, testUser('Reader'), 'GET', '/api/relay/rooms')).status).toBe(200);
    const spare = connect(Number(new URL(relay.url).port), '127.0.0.1');
    await new Promise((resolve) => spare.once('connect', resolve));
    const spareClosed = new Promise((resolve) => spare.once('close', resolve));

    const started = Date.now();
    const exitCode = await relay.stop('SIGTERM');

    expect(exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await player.closed).toBe(1012);
    await spareClosed;
  });
});
