import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunResult, SubmissionView, type Language } from '@corazy/contracts';
import { PACKAGED_CATALOGUE_DIR } from '@corazy/compile';
import { startTestCompile, testAmqpUrl, type TestCompile } from '@corazy/compile/testing';
import { connectRabbitQueue, type GradingQueue } from '@corazy/grading-queue';
import { createSandbox, type Sandbox } from '@corazy/sandbox';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { createWorkerService } from './app.js';
import { WorkerSettings } from './config.js';

/**
 * The whole catalogue through the real pipeline: the compile service (PostgreSQL, RabbitMQ), the real
 * worker and the namespace sandbox. Every reference solution in every language is ACCEPTED, every
 * wrong solution is not, and every dictation snippet runs.
 */
const problemsDir = join(PACKAGED_CATALOGUE_DIR, 'problems');
const dictationsDir = join(PACKAGED_CATALOGUE_DIR, 'dictations');
const EXTENSION_LANGUAGE: Record<string, Language> = {
  py: 'python',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  js: 'javascript',
};
const languageOf = (file: string) => EXTENSION_LANGUAGE[file.split('.').pop()!]!;

let compile: TestCompile;
let sandbox: Sandbox;
let workerQueue: GradingQueue;
let worker: HttpService;
const identity = {
  'x-user-id': randomUUID(),
  'x-user-nickname': 'catalogue',
  'x-user-role': 'USER',
  'content-type': 'application/json',
};

beforeAll(async () => {
  compile = await startTestCompile({
    env: { JOBS_PER_MINUTE: '100000', MAX_ACTIVE_JOBS_PER_USER: '100000' },
  });
  sandbox = await createSandbox('namespace');
  workerQueue = await connectRabbitQueue(testAmqpUrl(), { namespace: compile.namespace });
  worker = await createWorkerService({
    config: loadConfig(WorkerSettings, {}),
    queue: workerQueue,
    sandbox,
    logger: createLogger('compile-worker', 'silent'),
  });
}, 120_000);
afterAll(async () => {
  await worker.stop();
  await workerQueue.close();
  await sandbox.close();
  await compile.close();
});

async function submit(problem: string, file: string, source: string): Promise<string> {
  const response = await fetch(`${compile.url}/api/submissions`, {
    method: 'POST',
    headers: identity,
    body: JSON.stringify({ problem, language: languageOf(file), source, mode: 'full' }),
  });
  expect(response.status, `${problem}/${file}: ${await response.clone().text()}`).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

async function finished(id: string, deadline: number): Promise<SubmissionView> {
  for (;;) {
    const view = SubmissionView.parse(
      await (await fetch(`${compile.url}/api/submissions/${id}`, { headers: identity })).json(),
    );
    if (view.status === 'done') return view;
    if (Date.now() > deadline) throw new Error(`submission ${id} not judged in time: ${view.status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the catalogue, graded by the real worker', () => {
  it(
    'accepts every reference solution and rejects every wrong one',
    async () => {
      const submitted: { problem: string; file: string; wrong: boolean; id: string }[] = [];
      for (const problem of readdirSync(problemsDir).sort()) {
        const folder = join(problemsDir, problem);
        for (const file of readdirSync(join(folder, 'solutions'))) {
          submitted.push({
            problem,
            file,
            wrong: false,
            id: await submit(problem, file, readFileSync(join(folder, 'solutions', file), 'utf8')),
          });
        }
        for (const file of readdirSync(join(folder, 'wrong'))) {
          submitted.push({
            problem,
            file,
            wrong: true,
            id: await submit(problem, file, readFileSync(join(folder, 'wrong', file), 'utf8')),
          });
        }
      }
      const deadline = Date.now() + 20 * 60_000;
      const failures: string[] = [];
      for (const entry of submitted) {
        const view = await finished(entry.id, deadline);
        const accepted = view.verdict === 'ACCEPTED';
        if (accepted === entry.wrong) {
          failures.push(
            `${entry.problem}/${entry.wrong ? 'wrong/' : ''}${entry.file}: ${view.verdict} ${view.message ?? ''}`,
          );
        }
      }
      expect(submitted.filter((entry) => !entry.wrong).length).toBeGreaterThanOrEqual(25 * 5);
      expect(failures).toEqual([]);
    },
    25 * 60_000,
  );

  it(
    'runs every dictation snippet to a normal end with output',
    async () => {
      const failures: string[] = [];
      const runs: { name: string; id: string }[] = [];
      for (const algorithm of readdirSync(dictationsDir).sort()) {
        for (const file of readdirSync(join(dictationsDir, algorithm)).filter(
          (name) => name !== 'meta.json',
        )) {
          const response = await fetch(`${compile.url}/api/runs`, {
            method: 'POST',
            headers: identity,
            body: JSON.stringify({
              language: languageOf(file),
              source: readFileSync(join(dictationsDir, algorithm, file), 'utf8'),
              stdin: '',
            }),
          });
          expect(response.status).toBe(202);
          runs.push({ name: `${algorithm}/${file}`, id: ((await response.json()) as { id: string }).id });
        }
      }
      expect(runs.length).toBeGreaterThanOrEqual(30);
      for (const run of runs) {
        let result = RunResult.parse(
          await (await fetch(`${compile.url}/api/runs/${run.id}?wait=30`, { headers: identity })).json(),
        );
        while (result.status !== 'done') {
          result = RunResult.parse(
            await (await fetch(`${compile.url}/api/runs/${run.id}?wait=30`, { headers: identity })).json(),
          );
        }
        if (result.verdict !== 'ACCEPTED' || result.exitCode !== 0 || (result.stdout ?? '').trim() === '') {
          failures.push(
            `${run.name}: ${result.verdict} exit ${result.exitCode} ${(result.stderr ?? '').slice(0, 200)}`,
          );
        }
      }
      expect(failures).toEqual([]);
    },
    10 * 60_000,
  );
});
