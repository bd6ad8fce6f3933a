import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, PackageImportResult, SubmissionView } from '@corazy/contracts';
import { startTestCompile, testAmqpUrl, type TestCompile } from '@corazy/compile/testing';
import { connectRabbitQueue, type GradingQueue } from '@corazy/grading-queue';
import { createSandbox, type Sandbox } from '@corazy/sandbox';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { createWorkerService } from './app.js';
import { WorkerSettings } from './config.js';

/**
 * Kattis problem packages through the public API, verified by the real worker and sandbox: a package
 * with test groups, one whose wrong-answer submission must be caught, and broken ones, refused with a
 * report naming the failing file.
 */

let compile: TestCompile;
let sandbox: Sandbox;
let workerQueue: GradingQueue;
let worker: HttpService;
const admin = { 'x-user-id': randomUUID(), 'x-user-nickname': 'packager', 'x-user-role': 'ADMIN' };
const player = {
  'x-user-id': randomUUID(),
  'x-user-nickname': 'player',
  'x-user-role': 'USER',
  'content-type': 'application/json',
};

beforeAll(async () => {
  compile = await startTestCompile({ env: { SEED_CATALOGUE: 'false' } });
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

const zip = (folder: string, files: Record<string, string>) =>
  Buffer.from(
    zipSync(
      Object.fromEntries(
        Object.entries(files).map(([path, text]) => [`${folder}/${path}`, Buffer.from(text)]),
      ),
    ),
  );

async function importPackage(body: Buffer, query = '') {
  const response = await fetch(`${compile.url}/api/problems/import?format=kattis${query}`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/zip' },
    body,
  });
  return { status: response.status, body: await response.json() };
}

const SUM_PY = 'import sys\nprint(sum(map(int, sys.stdin.read().split())))\n';

/** Legacy format, LaTeX statement, test groups in nested folders, a limit found from the accepted runs. */
const groups = {
  'problem.yaml':
    'name: Group Sum\nsource: Corazy\nlicense: cc0\nlimits:\n  memory: 256\n  time_multiplier: 4\n',
  'problem_statement/problem.en.tex':
    '\\problemname{Group Sum}\nAdd the numbers.\n\\section*{Input}\nIntegers $a_i$ ($|a_i| \\le 10^9$).\n\\section*{Output}\nTheir \\textbf{sum}.\n',
  'problem_statement/problem.ko.tex':
    '\\problemname{묶음 합}\n수를 더하세요.\n\\section*{입력}\n정수들.\n\\section*{출력}\n합.\n',
  'data/sample/1.in': '1 2\n',
  'data/sample/1.ans': '3\n',
  'data/secret/small/1.in': '5\n',
  'data/secret/small/1.ans': '5\n',
  'data/secret/small/2.in': '-1 1\n',
  'data/secret/small/2.ans': '0\n',
  'data/secret/large/edge/1.in': '1000000000 1000000000 1000000000\n',
  'data/secret/large/edge/1.ans': '3000000000\n',
  'submissions/accepted/sum.py': SUM_PY,
  'submissions/accepted/sum.cpp':
    '#include <iostream>\nint main(){long long s=0,x;while(std::cin>>x)s+=x;std::cout<<s<<"\\n";}\n',
  'submissions/time_limit_exceeded/spin.py': 'while True:\n    pass\n',
  'submissions/run_time_error/crash.py': 'raise SystemExit(3)\n',
};

/** 2023-07 format with Markdown statements; its wrong-answer submission overflows 32 bits. */
const overflow = {
  'problem.yaml':
    'problem_format_version: 2023-07-draft\nname:\n  en: Big Sum\n  ko: 큰 합\nlimits:\n  time_limit: 2\n  memory: 128\nkeywords: [math]\n',
  'statement/problem.en.md': 'Add two numbers.\n\n## Input\n\n$A$ and $B$.\n\n## Output\n\n$A+B$.\n',
  'statement/problem.ko.md': '두 수를 더하세요.\n\n## 입력\n\n$A$, $B$.\n\n## 출력\n\n$A+B$.\n',
  'data/sample/1.in': '1 2\n',
  'data/sample/1.ans': '3\n',
  'data/secret/big.in': '2000000000 2000000000\n',
  'data/secret/big.ans': '4000000000\n',
  'submissions/accepted/sum.py': SUM_PY,
  'submissions/wrong_answer/int32.c':
    '#include <stdio.h>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);return 0;}\n',
  'corazy/problem.yaml': 'difficulty: easy\n',
};

describe('Kattis packages through the public API', () => {
  it('imports a package with test groups, verifies it and finds its time limit', async () => {
    const { status, body } = await importPackage(zip('group-sum', groups));
    expect(status, JSON.stringify(body)).toBe(201);
    const result = PackageImportResult.parse(body);
    expect(result.problem.slug).toBe('group-sum');
    expect(result.report.ok).toBe(true);
    expect(result.report.timeLimitSource).toBe('slowest-accepted');
    expect(result.report.timeLimitMs % 1000).toBe(0);
    expect(result.problem.timeLimitMs).toBe(result.report.timeLimitMs);
    expect(
      Object.fromEntries(result.report.submissions.map((check) => [check.path, [check.verdict, check.ok]])),
    ).toEqual({
      'submissions/accepted/sum.py': ['ACCEPTED', true],
      'submissions/accepted/sum.cpp': ['ACCEPTED', true],
      'submissions/time_limit_exceeded/spin.py': ['TIME_LIMIT_EXCEEDED', true],
      'submissions/run_time_error/crash.py': ['RUNTIME_ERROR', true],
    });

    const tests = (await (
      await fetch(`${compile.url}/api/problems/group-sum/tests`, { headers: admin })
    ).json()) as { items: { name: string }[] };
    expect(tests.items.map((test) => test.name)).toEqual(['sample-1', 'large.edge.1', 'small.1', 'small.2']);
    const detail = (await (await fetch(`${compile.url}/api/problems/group-sum`)).json()) as {
      texts: { ko: { title: string }; en: { output: string } };
    };
    expect(detail.texts.ko.title).toBe('묶음 합');
    expect(detail.texts.en.output).toBe('Their **sum**.');
  }, 180_000);

  it('catches the wrong-answer submission, then grades players on the imported problem', async () => {
    const { status, body } = await importPackage(zip('big-sum', overflow));
    expect(status, JSON.stringify(body)).toBe(201);
    const { report } = PackageImportResult.parse(body);
    expect(report.submissions.find((check) => check.path.endsWith('int32.c'))).toMatchObject({
      expected: 'WRONG_ANSWER',
      verdict: 'WRONG_ANSWER',
      ok: true,
    });
    expect(report).toMatchObject({ ok: true, timeLimitMs: 2000, timeLimitSource: 'package' });

    const verdictOf = async (language: string, source: string) => {
      const submitted = await fetch(`${compile.url}/api/submissions`, {
        method: 'POST',
        headers: player,
        body: JSON.stringify({ problem: 'big-sum', language, source, mode: 'full' }),
      });
      expect(submitted.status).toBe(202);
      const { id } = (await submitted.json()) as { id: string };
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        const view = SubmissionView.parse(
          await (await fetch(`${compile.url}/api/submissions/${id}`, { headers: player })).json(),
        );
        if (view.status === 'done') return view.verdict;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('not judged in time');
    };
    expect(await verdictOf('python', SUM_PY)).toBe('ACCEPTED');
    expect(await verdictOf('c', overflow['submissions/wrong_answer/int32.c'])).toBe('WRONG_ANSWER');
  }, 180_000);

  it('exports a package that imports back to the same bytes', async () => {
    const exported = async () => {
      const response = await fetch(`${compile.url}/api/problems/big-sum/export?format=kattis`, {
        headers: admin,
      });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const first = await exported();
    const response = await fetch(`${compile.url}/api/problems/import?format=kattis`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/gzip' },
      body: first,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await exported()).equals(first)).toBe(true);
  }, 180_000);

  it('refuses a package whose wrong-answer submission is accepted, with the report naming it', async () => {
    const broken = {
      ...overflow,
      'submissions/wrong_answer/int32.c': undefined,
      'submissions/wrong_answer/right.py': SUM_PY,
    };
    const files = Object.fromEntries(
      Object.entries(broken).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const { status, body } = await importPackage(zip('broken-sum', files));
    expect(status).toBe(422);
    const { error } = ErrorBody.parse(body);
    expect(error.code).toBe('PACKAGE_VERIFICATION_FAILED');
    expect(error.message).toContain('submissions/wrong_answer/right.py');
    const { report } = error.details as { report: { ok: boolean; failures: { file: string }[] } };
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      expect.objectContaining({ file: 'submissions/wrong_answer/right.py' }) as unknown,
    ]);
    // Nothing was stored.
    expect((await fetch(`${compile.url}/api/problems/broken-sum`)).status).toBe(404);
  }, 180_000);

  it('refuses a package it cannot read with every problem named, before grading anything', async () => {
    const { status, body } = await importPackage(
      zip('unreadable', {
        ...overflow,
        'problem.yaml': `${overflow['problem.yaml']}type: interactive\n`,
        'statement/problem.en.md': 'No sections here.\n',
      }),
    );
    expect(status).toBe(400);
    const { error } = ErrorBody.parse(body);
    expect(error.code).toBe('PACKAGE_INVALID');
    expect((error.details as { problems: unknown[] }).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'problem.yaml', key: 'type' }),
        expect.objectContaining({ file: 'statement/problem.en.md' }),
      ]),
    );
  });

  it('refuses an upload that is not an archive, and players', async () => {
    expect((await importPackage(Buffer.from('PK\x03\x04 not really a zip'))).status).toBe(400);
    const response = await fetch(`${compile.url}/api/problems/import?format=kattis`, {
      method: 'POST',
      headers: { ...player, 'content-type': 'application/zip' },
      body: zip('x', overflow),
    });
    expect(response.status).toBe(403);
  });
});

// The public problemtools examples, when brought to this machine (never committed): set
// PROBLEMTOOLS_EXAMPLES to the folder holding different/, hello/, oddecho/, guess/.
const examples = process.env.PROBLEMTOOLS_EXAMPLES ?? '/tmp/problemtools-examples';
describe.runIf(existsSync(`${examples}/hello/problem.yaml`))('the problemtools examples', () => {
  const packageOf = (name: string) => {
    const root = join(examples, name);
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else files[relative(root, path)] = readFileSync(path, 'latin1');
      }
    };
    walk(root);
    return zip(name, files);
  };

  for (const name of ['hello', 'oddecho', 'different', 'guess']) {
    it(`imports and verifies ${name}, or says why not`, async () => {
      const { status, body } = await importPackage(packageOf(name));
      console.log(`problemtools example ${name}: ${status} ${JSON.stringify(body, null, 1)}`);
      expect([200, 201, 400, 422]).toContain(status);
    }, 300_000);
  }
});
