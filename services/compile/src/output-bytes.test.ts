import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  displayText,
  JobAccepted,
  outputBytes,
  outputText,
  RunResult,
  SubmissionView,
} from '@corazy/contracts';
import { openPglite } from '@corazy/database';
import { inProcessQueue } from '@corazy/grading-queue';
import { createLogger, loadConfig } from '@corazy/service-kit';
import { inProcessState } from '@corazy/shared-state';
import { createCompileService } from './app.js';
import { CompileSettings } from './config.js';
import { unstorableMessage } from './domain/results.js';
import { GraderDouble, outcome } from './test-support/grader-double.js';
import { call, eventually, openSse } from './test-support/http.js';
import { asUser, startTestCompile, testAmqpUrl } from './testing.js';

/**
 * Output of any bytes, and results the database refuses, through the service from the outside
 * (HTTP and SSE), on real PostgreSQL and RabbitMQ and on the embedded PGlite and in-process queue.
 */

const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, index) => index);
const EVERY_BYTE_BACKWARDS = EVERY_BYTE.slice().reverse();
const ENV = { STREAM_REFRESH_MS: '200', SSE_HEARTBEAT_MS: '100', MAX_ACTIVE_JOBS_PER_USER: '20' };

interface Platform {
  url: string;
  grader: GraderDouble;
  close(): Promise<void>;
}

const platforms: [string, () => Promise<Platform>][] = [
  [
    'PostgreSQL and RabbitMQ',
    async () => {
      const compile = await startTestCompile({ env: ENV });
      const grader = await GraderDouble.onRabbit(testAmqpUrl(), compile.namespace);
      return {
        url: compile.url,
        grader,
        async close() {
          await grader.close();
          await compile.close();
        },
      };
    },
  ],
  [
    'embedded PGlite and in-process queue',
    async () => {
      const db = await openPglite();
      const queue = inProcessQueue();
      const service = await createCompileService({
        config: loadConfig(CompileSettings, ENV),
        db,
        state: inProcessState(),
        queue,
        logger: createLogger('compile', 'silent'),
      });
      const url = await service.listen(0, '127.0.0.1');
      const grader = await GraderDouble.onQueue(queue);
      return {
        url,
        grader,
        async close() {
          await grader.close();
          await service.stop();
          await queue.close();
          await db.close();
        },
      };
    },
  ],
];

describe.each(platforms)('output bytes and unstorable results (%s)', (_name, start) => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await start();
    // Seeding the catalogue into PGlite takes long on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
  });

  const post = async (path: string, body: object, headers: Record<string, string>) =>
    JobAccepted.parse((await call(platform.url, 'POST', path, body, headers)).body).id;
  const getRun = async (id: string, headers: Record<string, string>) =>
    RunResult.parse((await call(platform.url, 'GET', `/api/runs/${id}?wait=10`, undefined, headers)).body);

  it('gives back every byte value 0-255 of stdout and stderr exactly, beside a display text', async () => {
    const player = asUser();
    const id = await post('/api/runs', { language: 'python', source: 'print(1)' }, player);
    const { job } = await platform.grader.take(id);
    const stdout = outputText(EVERY_BYTE);
    const stderr = outputText(EVERY_BYTE_BACKWARDS);
    await platform.grader.final(job, {
      tests: [outcome('stdin')],
      run: {
        stdout: stdout.text,
        stderr: stderr.text,
        stdoutBase64: stdout.base64,
        stderrBase64: stderr.base64,
        exitCode: 0,
        truncated: false,
      },
    });
    const result = await getRun(id, player);
    expect(result.status).toBe('done');
    expect(result.stdout).toBe(displayText(EVERY_BYTE));
    expect(result.stdout).toContain('\u2400');
    expect(result.stdout).not.toContain('\u0000');
    expect(outputBytes({ text: result.stdout!, base64: result.stdoutBase64 ?? undefined })).toEqual(
      EVERY_BYTE,
    );
    expect(outputBytes({ text: result.stderr!, base64: result.stderrBase64 ?? undefined })).toEqual(
      EVERY_BYTE_BACKWARDS,
    );
  });

  it('carries plain text once, without base64', async () => {
    const player = asUser();
    const id = await post('/api/runs', { language: 'python', source: 'print(1)' }, player);
    const { job } = await platform.grader.take(id);
    await platform.grader.final(job, {
      tests: [outcome('stdin')],
      run: { stdout: '한글 ␀\n', stderr: '', exitCode: 0, truncated: false },
    });
    const result = await getRun(id, player);
    expect(result).toMatchObject({ stdout: '한글 ␀\n', stdoutBase64: null, stderrBase64: null });
  });

  it("shows a test's message of any bytes in the submission and its event stream", async () => {
    const player = asUser();
    const id = await post(
      '/api/submissions',
      { problem: 'a-plus-b', language: 'python', source: 'print(1)', mode: 'sample' },
      player,
    );
    const stream = await openSse(`${platform.url}/api/submissions/${id}/events`, player);
    const { job } = await platform.grader.take(id);
    const message = displayText(EVERY_BYTE);
    const tests = job.tests.map((test) => ({ ...outcome(test.id, 'RUNTIME_ERROR'), message }));
    await platform.grader.final(job, { tests, compileOutput: displayText(EVERY_BYTE_BACKWARDS) });
    await stream.until('final');
    const streamed = SubmissionView.parse(stream.events.at(-1)!.data);
    // The stream shows the final as it is published; the store may take it a moment later.
    const stored = await eventually(async () => {
      const view = SubmissionView.parse(
        (await call(platform.url, 'GET', `/api/submissions/${id}`, undefined, player)).body,
      );
      return view.status === 'done' ? view : undefined;
    });
    for (const view of [streamed, stored]) {
      expect(view.verdict).toBe('RUNTIME_ERROR');
      expect(view.tests.map((test) => test.message)).toEqual(job.tests.map(() => message));
      expect(view.compileOutput).toBe(displayText(EVERY_BYTE_BACKWARDS));
    }
  });

  it("gives up a result the database refuses (a NUL), answering INTERNAL_ERROR, while others' are stored", async () => {
    const jammer = asUser();
    const other = asUser();
    const jammed = await post('/api/runs', { language: 'c', source: 'int main(){}' }, jammer);
    const { job: jammedJob } = await platform.grader.take(jammed);
    // What a worker that does not apply the display rule would send: PostgreSQL refuses the NUL.
    await platform.grader.final(jammedJob, {
      tests: [outcome('stdin')],
      run: { stdout: 'a\u0000b', stderr: '', exitCode: 0, truncated: false },
      message: 'nul \u0000 here',
    });
    const ordinary = await post('/api/runs', { language: 'python', source: 'print(43)' }, other);
    const { job } = await platform.grader.take(ordinary);
    const started = Date.now();
    await platform.grader.final(job, {
      tests: [outcome('stdin')],
      run: { stdout: '43\n', stderr: '', exitCode: 0, truncated: false },
    });
    expect(await getRun(ordinary, other)).toMatchObject({
      status: 'done',
      verdict: 'ACCEPTED',
      stdout: '43\n',
    });
    expect(await getRun(jammed, jammer)).toMatchObject({
      status: 'done',
      verdict: 'INTERNAL_ERROR',
      message: unstorableMessage,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const metrics = await eventually(async () => {
      const text = await (await fetch(`${platform.url}/metrics`)).text();
      return /^compile_results_dead_lettered_total\{[^}]*type="final"[^}]*\} 1$/m.test(text)
        ? text
        : undefined;
    }, 5_000);
    expect(metrics).toBeDefined();
  });
});
