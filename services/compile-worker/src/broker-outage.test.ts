import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmissionView, type GradingFinal } from '@corazy/contracts';
import { asUser, startTestCompile, testAmqpUrl, type TestCompile } from '@corazy/compile/testing';
import { connectRabbitQueue, deleteTopology, type GradingQueue } from '@corazy/grading-queue';
import { freePort, spawnService, TcpProxy, type ServiceProcess } from '@corazy/service-kit/testing';

/**
 * The broker goes away for everyone (the compile service and the worker both reach RabbitMQ through a
 * proxy that the test cuts), 50 submissions arrive meanwhile, then the broker comes back. Every
 * submission was accepted with 202 at once, and every one is judged exactly once. The worker process
 * exits when it loses the broker; the test restarts it the way Kubernetes would.
 */
const SUBMISSIONS = 50;
const namespace = `test.outage.${randomUUID()}.`;
const source = 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n';

let proxy: TcpProxy;
let compile: TestCompile;
let observer: GradingQueue;
const finals = new Map<string, GradingFinal[]>();
let worker: ServiceProcess | undefined;
let supervising = true;
let supervisor: Promise<void>;

beforeAll(async () => {
  const direct = new URL(testAmqpUrl());
  proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5672));
  const throughProxy = new URL(direct);
  throughProxy.port = String(proxy.port);
  compile = await startTestCompile({
    amqpUrl: throughProxy.toString(),
    namespace,
    env: { JOBS_PER_MINUTE: '1000', MAX_ACTIVE_JOBS_PER_USER: '1000' },
  });
  // The observer counts every final the workers publish; it reaches the broker directly.
  observer = await connectRabbitQueue(testAmqpUrl(), { namespace, connectionName: 'outage-observer' });
  await observer.watchEvents((event) => {
    if (event.type === 'final') finals.set(event.jobId, [...(finals.get(event.jobId) ?? []), event]);
  });
  supervisor = (async () => {
    while (supervising) {
      if (!worker || worker.process.exitCode !== null || worker.process.signalCode !== null) {
        worker = await spawnService('compile-worker', await freePort(), {
          AMQP_URL: throughProxy.toString(),
          AMQP_NAMESPACE: namespace,
          SANDBOX_BACKEND: 'namespace',
          LOG_LEVEL: 'error',
        }).catch(() => undefined); // the broker is unreachable: try again shortly
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
}, 60_000);
afterAll(async () => {
  supervising = false;
  await supervisor;
  await worker?.stop('SIGTERM');
  await observer.close();
  await compile.close();
  await proxy.close();
  await deleteTopology(testAmqpUrl(), namespace).catch(() => undefined);
});

describe('with the broker down for everyone', () => {
  it(`accepts ${SUBMISSIONS} submissions at once and judges each exactly once when it returns`, async () => {
    proxy.cut();
    const player = asUser();
    const ids: string[] = [];
    for (let i = 0; i < SUBMISSIONS; i++) {
      const started = Date.now();
      const response = await fetch(`${compile.url}/api/submissions`, {
        method: 'POST',
        headers: { ...player, 'content-type': 'application/json' },
        body: JSON.stringify({ problem: 'a-plus-b', language: 'python', source, mode: 'full' }),
      });
      expect(response.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(2_000);
      ids.push(((await response.json()) as { id: string }).id);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    proxy.restore();

    const deadline = Date.now() + 180_000;
    const views = new Map<string, SubmissionView>();
    while (views.size < SUBMISSIONS && Date.now() < deadline) {
      for (const id of ids.filter((pending) => !views.has(pending))) {
        const view = SubmissionView.parse(
          await (await fetch(`${compile.url}/api/submissions/${id}`, { headers: player })).json(),
        );
        if (view.status === 'done') views.set(id, view);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(views.size).toBe(SUBMISSIONS);
    expect([...views.values()].every((view) => view.verdict === 'ACCEPTED')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // A submission's id is its job's id: each was graded, and graded once.
    expect(ids.map((id) => finals.get(id)?.length ?? 0)).toEqual(ids.map(() => 1));
  }, 240_000);
});
