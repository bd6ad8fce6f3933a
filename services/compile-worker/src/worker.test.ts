import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  outputBytes,
  type GradingEvent,
  type GradingFinal,
  type GradingJob,
  type GradingJobInput,
  type GradingProgress,
} from '@corazy/contracts';
import { wallLimitMs } from '@corazy/contracts';
import { connectRabbitQueue, deleteTopology, type GradingQueue } from '@corazy/grading-queue';
import { createSandbox, type Sandbox } from '@corazy/sandbox';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { createWorkerService } from './app.js';
import { WorkerSettings } from './config.js';

/** The worker against a real RabbitMQ and the real namespace sandbox. */
const amqpUrl = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

interface Harness {
  queue: GradingQueue;
  service: HttpService;
  url: string;
  events: GradingEvent[];
  finalOf(jobId: string, timeoutMs?: number): Promise<GradingFinal>;
  close(): Promise<void>;
}

async function startHarness(sandbox: Sandbox, env: Record<string, string> = {}): Promise<Harness> {
  const namespace = `test.${randomUUID()}.`;
  const queue = await connectRabbitQueue(amqpUrl, { namespace });
  const events: GradingEvent[] = [];
  const listeners = new Set<() => void>();
  await queue.consumeEvents(async (event) => {
    events.push(event);
    for (const listener of listeners) listener();
  });
  const service = await createWorkerService({
    config: loadConfig(WorkerSettings, { WORKER_CONCURRENCY: '2', PROGRESS_INTERVAL_MS: '100', ...env }),
    queue,
    sandbox,
    logger: createLogger('compile-worker', 'silent'),
  });
  const url = await service.listen(0, '127.0.0.1');
  return {
    queue,
    service,
    url,
    events,
    finalOf: (jobId, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const find = () => events.find((e): e is GradingFinal => e.type === 'final' && e.jobId === jobId);
        const timer = setTimeout(() => reject(new Error(`no final for ${jobId}`)), timeoutMs);
        const check = () => {
          const found = find();
          if (found) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(found);
          }
        };
        listeners.add(check);
        check();
      }),
    async close() {
      await service.stop();
      await queue.close();
      await deleteTopology(amqpUrl, namespace);
    },
  };
}

const job = (input: Partial<GradingJobInput>): GradingJob => ({
  jobId: randomUUID(),
  kind: 'submission',
  language: 'python',
  source: 'print(sum(map(int, input().split())))',
  tests: [
    { id: '1', input: '1 2\n', expected: '3\n' },
    { id: '2', input: '-5 5\n', expected: '0\n' },
    { id: '3', input: '1000000000 1000000000\n', expected: '2000000000\n' },
  ],
  limits: { timeMs: 2000, memoryMb: 256 },
  checker: { type: 'exact' },
  stopOnFirstFailure: false,
  enqueuedAt: new Date().toISOString(),
  ...input,
});

let sandbox: Sandbox;
let harness: Harness;

beforeAll(async () => {
  sandbox = await createSandbox('namespace', { namespace: { concurrency: 2 } });
  harness = await startHarness(sandbox);
}, 60_000);
afterAll(async () => {
  await harness.close();
  await sandbox.close();
});

describe('grading', () => {
  it('grades an accepted submission, streaming per-test progress in ordered batches before the final', async () => {
    // Two tests at once (the sandbox's slots), each 300 ms: the first two outcomes go out as progress
    // 100 ms later, while the third is still running; it comes with the final, not as progress.
    const accepted = job({ source: 'import time\ntime.sleep(0.3)\nprint(sum(map(int, input().split())))' });
    await harness.queue.enqueue(accepted);
    const final = await harness.finalOf(accepted.jobId);
    expect(final).toMatchObject({ verdict: 'ACCEPTED', attempt: 1, skipped: 0 });
    expect(final.tests.map((t) => t.testId)).toEqual(['1', '2', '3']);

    const progress = harness.events.filter(
      (e): e is GradingProgress => e.type === 'progress' && e.jobId === accepted.jobId,
    );
    expect(progress.map((p) => p.seq)).toEqual(progress.map((_p, i) => i));
    expect(progress.flatMap((p) => p.tests.map((t) => t.testId)).sort()).toEqual(['1', '2']);
    expect(harness.events.indexOf(final)).toBeGreaterThan(harness.events.indexOf(progress.at(-1)!));
  });

  it('sends no progress that the final would only repeat', async () => {
    const quick = job({ tests: [{ id: 'only', input: '1 2\n', expected: '3\n' }] });
    await harness.queue.enqueue(quick);
    const final = await harness.finalOf(quick.jobId);
    expect(final.tests.map((t) => t.testId)).toEqual(['only']);
    expect(harness.events.filter((e) => e.type === 'progress' && e.jobId === quick.jobId)).toEqual([]);
  });

  it('says which test went wrong and how', async () => {
    const wrong = job({ source: 'a, b = map(int, input().split())\nprint(a * b)' });
    await harness.queue.enqueue(wrong);
    const final = await harness.finalOf(wrong.jobId);
    expect(final.verdict).toBe('WRONG_ANSWER');
    expect(final.tests.find((t) => t.testId === '1')?.verdict).toBe('WRONG_ANSWER');
  });

  it('stops at the first failure when asked', async () => {
    const wrong = job({
      source: 'print(0)',
      stopOnFirstFailure: true,
      tests: job({}).tests.slice(0, 1).concat(job({}).tests),
    });
    await harness.queue.enqueue({ ...wrong, tests: wrong.tests.map((t, i) => ({ ...t, id: String(i) })) });
    const final = await harness.finalOf(wrong.jobId);
    expect(final.verdict).toBe('WRONG_ANSWER');
    expect(final.skipped).toBeGreaterThan(0);
  });

  it('answers COMPILE_ERROR with the compiler message, running no test', async () => {
    const broken = job({ language: 'c', source: 'int main(void) { return 0 }' });
    await harness.queue.enqueue(broken);
    const final = await harness.finalOf(broken.jobId);
    expect(final.verdict).toBe('COMPILE_ERROR');
    expect(final.compileOutput).toMatch(/error/);
    expect(final.tests).toEqual([]);
    expect(final.skipped).toBe(3);
  });

  it("answers a python syntax error COMPILE_ERROR with the message, from the run's own start", async () => {
    const broken = job({ source: 'print(1)\nwhile True print(2)' });
    await harness.queue.enqueue(broken);
    const final = await harness.finalOf(broken.jobId);
    expect(final.verdict).toBe('COMPILE_ERROR');
    expect(final.compileOutput).toMatch(/line 2[\s\S]*SyntaxError/);
    expect(final.tests).toEqual([]);
    expect(final.skipped).toBe(3);
  });

  it('charges sleeping against the wall limit (1.5 × time + 0.5 s) and reports wall time beside CPU time', async () => {
    const sleeper = job({
      kind: 'run',
      checker: null,
      source: 'import time\ntime.sleep(5)',
      limits: { timeMs: 300, memoryMb: 64 },
      tests: [{ id: 'stdin', input: '', expected: '' }],
    });
    await harness.queue.enqueue(sleeper);
    const final = await harness.finalOf(sleeper.jobId);
    expect(final.verdict).toBe('TIME_LIMIT_EXCEEDED');
    expect(final.timeMs).toBeLessThan(300);
    expect(final.wallMs).toBeGreaterThanOrEqual(wallLimitMs(300));
    expect(final.wallMs).toBeLessThan(5000);
    expect(final.tests[0]?.wallMs).toBe(final.wallMs);
  });

  it('gives a run back what the program printed', async () => {
    const run = job({
      kind: 'run',
      checker: null,
      language: 'javascript',
      source:
        "const s = require('fs').readFileSync(0, 'utf8'); console.log(s.trim().toUpperCase()); console.error('note')",
      tests: [{ id: 'stdin', input: 'hello\n', expected: '' }],
    });
    await harness.queue.enqueue(run);
    const final = await harness.finalOf(run.jobId);
    expect(final).toMatchObject({
      verdict: 'ACCEPTED',
      run: { stdout: 'HELLO\n', stderr: 'note\n', exitCode: 0, truncated: false },
    });
  });

  it('gives a run back the exact bytes it wrote, NUL and invalid UTF-8 included, beside a display text', async () => {
    const python = job({
      kind: 'run',
      checker: null,
      source: 'import sys\nsys.stdout.buffer.write(b"a\\x00b")\nsys.stderr.buffer.write(bytes(range(256)))',
      tests: [{ id: 'stdin', input: '', expected: '' }],
    });
    const c = job({
      kind: 'run',
      checker: null,
      language: 'c',
      source: '#include <stdio.h>\nint main(void) { printf("x%cy", 0); return 0; }',
      tests: [{ id: 'stdin', input: '', expected: '' }],
    });
    await harness.queue.enqueue(python);
    await harness.queue.enqueue(c);
    const fromPython = await harness.finalOf(python.jobId);
    expect(fromPython.verdict).toBe('ACCEPTED');
    expect(fromPython.run).toMatchObject({
      stdout: 'a\u2400b',
      stdoutBase64: Buffer.from('a\0b').toString('base64'),
    });
    const stderr = fromPython.run!;
    expect(outputBytes({ text: stderr.stderr, base64: stderr.stderrBase64 })).toEqual(
      Uint8Array.from({ length: 256 }, (_, index) => index),
    );
    const fromC = await harness.finalOf(c.jobId);
    expect(fromC.run).toMatchObject({
      stdout: 'x\u2400y',
      stdoutBase64: Buffer.from('x\0y').toString('base64'),
    });
  });

  it('keeps a NUL out of a crashed submission message (shown as ␀)', async () => {
    const crash = job({ source: 'import sys\nsys.stderr.write("bad\\x00byte")\nsys.exit(1)' });
    await harness.queue.enqueue(crash);
    const final = await harness.finalOf(crash.jobId);
    expect(final.verdict).toBe('RUNTIME_ERROR');
    expect(final.tests[0]?.message).toContain('bad\u2400byte');
    expect(JSON.stringify(final)).not.toContain('\\u0000');
  });

  it('reports a run that crashes as RUNTIME_ERROR with its exit code', async () => {
    const run = job({
      kind: 'run',
      checker: null,
      source: 'raise SystemExit(3)',
      tests: [{ id: 'stdin', input: '', expected: '' }],
    });
    await harness.queue.enqueue(run);
    const final = await harness.finalOf(run.jobId);
    expect(final).toMatchObject({ verdict: 'RUNTIME_ERROR', run: { exitCode: 3 } });
  });

  it('answers a malformed job INTERNAL_ERROR instead of leaving its submitter waiting', async () => {
    const malformed = { ...job({}), language: 'cobol' } as unknown as GradingJob;
    await harness.queue.enqueue(malformed);
    const final = await harness.finalOf(malformed.jobId);
    expect(final.verdict).toBe('INTERNAL_ERROR');
    expect(final.message).toMatch(/malformed/);
  });

  it('counts jobs, durations and limit hits in its metrics, and is ready', async () => {
    const slow = job({
      source: 'while True: pass',
      limits: { timeMs: 300, memoryMb: 64 },
      tests: [{ id: '1', input: '', expected: '' }],
    });
    await harness.queue.enqueue(slow);
    expect((await harness.finalOf(slow.jobId)).verdict).toBe('TIME_LIMIT_EXCEEDED');
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(
      /grading_jobs_total\{verdict="ACCEPTED",language="python",kind="submission"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/grading_limit_hits_total\{limit="time"[^}]*\} [1-9]/);
    expect(metrics).toContain('grading_queue_wait_seconds_bucket');
    expect(metrics).toContain('grading_sandbox_overhead_seconds_bucket');
    expect((await fetch(`${harness.url}/readyz`)).status).toBe(200);
  });
});

describe('a job the worker cannot grade', () => {
  it('is tried three times, dead-lettered, and answered INTERNAL_ERROR', async () => {
    const broken: Sandbox = Object.assign(Object.create(sandbox) as Sandbox, {
      createWorkspace: () => Promise.reject(new Error('cgroup hierarchy vanished')),
    });
    const failing = await startHarness(broken);
    try {
      const doomed = job({});
      await failing.queue.enqueue(doomed);
      const final = await failing.finalOf(doomed.jobId);
      expect(final).toMatchObject({ verdict: 'INTERNAL_ERROR', attempt: 3 });
      expect(failing.events.filter((e) => e.type === 'final' && e.jobId === doomed.jobId)).toHaveLength(1);
      const metrics = await (await fetch(`${failing.url}/metrics`)).text();
      expect(metrics).toMatch(/grading_dead_letters_total\{[^}]*\} 1/);
    } finally {
      await failing.close();
    }
  });
});
