import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobAccepted, ProblemList, SubmissionView } from '@corazy/contracts';
import { openPglite, type Database } from '@corazy/database';
import { inProcessQueue, type GradingQueue } from '@corazy/grading-queue';
import { createLogger, loadConfig } from '@corazy/service-kit';
import { inProcessState } from '@corazy/shared-state';
import { createCompileService, type CompileService } from './app.js';
import { CompileSettings } from './config.js';
import { GraderDouble, outcome } from './test-support/grader-double.js';
import { call, openSse } from './test-support/http.js';
import { asUser } from './testing.js';

/**
 * The service as `npm start` embeds it: PGlite, in-process state and queue, nothing installed. The
 * same SQL (SKIP LOCKED claims, KEY SHARE locks, unnest inserts, bytea blobs) must work there.
 */
describe('embedded (PGlite, in-process queue)', () => {
  let db: Database;
  let queue: GradingQueue;
  let service: CompileService;
  let url: string;
  let grader: GraderDouble;

  beforeAll(async () => {
    db = await openPglite();
    queue = inProcessQueue();
    service = await createCompileService({
      config: loadConfig(CompileSettings, { STREAM_REFRESH_MS: '200' }),
      db,
      state: inProcessState(),
      queue,
      logger: createLogger('compile', 'silent'),
    });
    url = await service.listen(0, '127.0.0.1');
    grader = await GraderDouble.onQueue(queue);
  });
  afterAll(async () => {
    await grader?.close();
    await service?.stop();
    await queue?.close();
    await db?.close();
  });

  it('seeds the catalogue and serves it', async () => {
    expect(service.seedReport?.failed).toEqual([]);
    expect(service.seedReport?.problems.created).toBeGreaterThan(0);
    const page = ProblemList.parse((await call(url, 'GET', '/api/problems?limit=5')).body);
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).not.toBeNull();
  });

  it('takes a submission through the outbox to a worker and streams the result', async () => {
    const player = asUser();
    const response = await call(
      url,
      'POST',
      '/api/submissions',
      { problem: 'kmp-count', language: 'java', source: 'public class Main {}', mode: 'full' },
      player,
    );
    expect(response.status).toBe(202);
    const { id } = JobAccepted.parse(response.body);
    const stream = await openSse(`${url}/api/submissions/${id}/events`, player);
    const { job } = await grader.take(id);
    await grader.progress(job, 0, [outcome(job.tests[0]!.id)], { ok: true, output: '' });
    await grader.final(job, { tests: job.tests.map((test) => outcome(test.id, 'TIME_LIMIT_EXCEEDED')) });
    await stream.until('final');
    const final = stream.events.at(-1)!.data as SubmissionView;
    expect(final.verdict).toBe('TIME_LIMIT_EXCEEDED');
    const stored = SubmissionView.parse(
      (await call(url, 'GET', `/api/submissions/${id}`, undefined, player)).body,
    );
    expect(stored.tests).toHaveLength(job.tests.length);
  });

  it('stops promptly with an event stream still open, ending it', async () => {
    const player = asUser();
    const { id } = JobAccepted.parse(
      (
        await call(
          url,
          'POST',
          '/api/submissions',
          { problem: 'a-plus-b', language: 'python', source: 'print(3)', mode: 'sample' },
          player,
        )
      ).body,
    );
    const stream = await openSse(`${url}/api/submissions/${id}/events`, player);
    await stream.until('snapshot');
    const started = Date.now();
    await service.stop();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
