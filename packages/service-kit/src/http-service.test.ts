import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpService, type HttpService, type HttpServiceOptions } from './http-service.js';
import { createLogger } from './logger.js';

let service: HttpService | undefined;

afterEach(async () => {
  await service?.stop();
  service = undefined;
});

/** A service with the routes `setup` adds, listening on a free port. */
async function start(
  options: Partial<HttpServiceOptions> = {},
  setup: (service: HttpService) => void = () => {},
) {
  service = createHttpService({ service: 'test', logger: createLogger('test', 'silent'), ...options });
  setup(service);
  return { service, url: await service.listen(0, '127.0.0.1') };
}

/** Resolves with how long `stop` took, or rejects when it takes longer than `limitMs`. */
async function timeStop(stoppable: HttpService, limitMs: number): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    stoppable.stop(),
    new Promise((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`stop took longer than ${limitMs} ms`)), limitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return Date.now() - started;
}

const closed = (socket: Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

describe('stopping an HTTP service', () => {
  it('closes at once a connection that never sent a request, rather than waiting for its client', async () => {
    const { service, url } = await start();
    // A pool's spare connection: open, silent, and its client in no hurry to close it.
    const spare = connect(Number(new URL(url).port), '127.0.0.1');
    await new Promise((resolve) => spare.once('connect', resolve));
    const spareClosed = closed(spare);

    expect(await timeStop(service, 2_000)).toBeLessThan(1_000);
    await spareClosed;
  });

  it('lets a request in flight finish before it closes', async () => {
    let arrived: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const { service, url } = await start({}, ({ app }) =>
      app.get('/slow', async () => {
        arrived();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { done: true };
      }),
    );
    const answer = fetch(`${url}/slow`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));
    await inFlight;

    expect(await timeStop(service, 2_000)).toBeGreaterThanOrEqual(250);
    expect(await answer).toEqual({ status: 200, body: { done: true } });
  });

  it('cuts what outlasts the drain timeout: a request that never ends, an upgraded socket', async () => {
    const { service, url } = await start({ drainTimeoutMs: 300 }, ({ app }) => {
      app.get('/forever', () => new Promise(() => undefined));
      app.server.on('upgrade', (_request, socket: Socket) => {
        socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n');
      });
    });
    const stuck = new Promise<string>((resolve) => {
      const call = request(`${url}/forever`, () => resolve('answered'));
      call.on('error', (error) => resolve(error.message));
      call.end();
    });
    const upgraded = await new Promise<Socket>((resolve, reject) => {
      const call = request(url, { headers: { connection: 'Upgrade', upgrade: 'test' } });
      call.on('upgrade', (_response, socket: Socket) => resolve(socket));
      call.on('error', reject);
      call.end();
    });
    const upgradedClosed = closed(upgraded);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const took = await timeStop(service, 2_000);
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1_000);
    expect(await stuck).toBe('socket hang up');
    await upgradedClosed;
  });
});
