import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobAccepted } from '@corazy/contracts';
import { connectPostgres, createTestDatabase } from '@corazy/database';
import { freePort, spawnService, type ServiceProcess } from '@corazy/service-kit/testing';
import { call, eventually } from './test-support/http.js';
import { asUser, testRedisUrl } from './testing.js';

/** The standalone process (src/main.ts), as a pod runs it. */
describe('the standalone service', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let compile: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase('compile_main');
    // A broker address where nothing listens: the service must start, and take submissions, anyway.
    compile = await spawnService('compile', await freePort(), {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      AMQP_URL: `amqp://guest:guest@127.0.0.1:${await freePort()}`,
      SEED_CATALOGUE: 'true',
    });
  });
  afterAll(async () => {
    await compile?.stop('SIGKILL');
    await database?.drop();
  });

  it('starts without its broker, is ready, and keeps submissions in the outbox', async () => {
    const ready = await eventually(async () => {
      const response = await call(compile.url, 'GET', '/readyz');
      return response.status === 200 ? response : undefined;
    }, 30_000);
    expect(ready.body).toMatchObject({ status: 'ready' });
    const response = await call(
      compile.url,
      'POST',
      '/api/submissions',
      { problem: 'a-plus-b', language: 'python', source: 'print(0)', mode: 'sample' },
      asUser(),
    );
    expect(response.status).toBe(202);
    const { id } = JobAccepted.parse(response.body);
    const db = connectPostgres(database.url, { maxConnections: 1 });
    try {
      const rows = await db.query<{ published_at: Date | null; last_error: string | null }>(
        'SELECT published_at, last_error FROM compile.outbox WHERE job_id = $1',
        [id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.published_at).toBeNull();
      const metrics = await (await fetch(`${compile.url}/metrics`)).text();
      expect(metrics).toMatch(/^compile_outbox_pending\{[^}]*\} 1$/m);
      expect(metrics).toMatch(/^compile_queue_connected\{[^}]*\} 0$/m);
    } finally {
      await db.close();
    }
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await compile.stop('SIGTERM')).toBe(0);
  });

  it('exits 78 listing every missing setting', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'services/compile/src/main.ts'],
      {
        cwd: new URL('../../../', import.meta.url),
        env: { PATH: process.env.PATH, JOBS_PER_MINUTE: 'many' },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(78);
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'AMQP_URL', 'JOBS_PER_MINUTE'])
      expect(result.stderr).toContain(key);
  });
});
