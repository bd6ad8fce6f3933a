import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Dictation,
  DictationList,
  ImportResult,
  ProblemDetail,
  ProblemFolderJson,
  ProblemList,
  TestCaseList,
  type ProblemInput,
} from '@corazy/contracts';
import { PACKAGED_CATALOGUE_DIR, readFolder } from './adapters/catalogue-files.js';
import { call, errorCode } from './test-support/http.js';
import { asUser, startTestCompile, type TestCompile } from './testing.js';

const admin = asUser({ role: 'ADMIN', nickname: 'admin' });
const user = asUser();
const problemsDir = join(PACKAGED_CATALOGUE_DIR, 'problems');
const dictationsDir = join(PACKAGED_CATALOGUE_DIR, 'dictations');

let compile: TestCompile;
const get = (path: string, headers: Record<string, string> = {}) =>
  call(compile.url, 'GET', path, undefined, headers);

beforeAll(async () => {
  compile = await startTestCompile({ queue: 'memory' });
});
afterAll(() => compile.close());

async function catalogueSlugs() {
  return (await readdir(problemsDir)).sort();
}

describe('problem list', () => {
  it('pages through every catalogue problem with a keyset cursor, each once, in number order', async () => {
    const seen: { slug: string; number: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(`/api/problems?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = ProblemList.parse(response.body);
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    const slugs = await catalogueSlugs();
    expect(pages).toBe(Math.ceil(slugs.length / 10));
    expect(seen.map((item) => item.slug).sort()).toEqual(slugs);
    const numbers = seen.map((item) => item.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('filters by tag, difficulty, language and a search over slug and titles', async () => {
    const dp = ProblemList.parse((await get('/api/problems?tag=dp&limit=100')).body).items;
    expect(dp.length).toBeGreaterThan(0);
    expect(dp.every((item) => item.tags.includes('dp'))).toBe(true);

    const easy = ProblemList.parse(
      (await get('/api/problems?difficulty=easy&language=java&limit=100')).body,
    ).items;
    expect(easy.length).toBeGreaterThan(0);
    expect(easy.every((item) => item.difficulty === 'easy' && item.languages.includes('java'))).toBe(true);

    const byTitle = ProblemList.parse(
      (await get(`/api/problems?q=${encodeURIComponent('괄호')}`)).body,
    ).items;
    expect(byTitle.map((item) => item.slug)).toContain('balanced-brackets');
    const bySlug = ProblemList.parse((await get('/api/problems?q=DIJK')).body).items;
    expect(bySlug.map((item) => item.slug)).toEqual(['dijkstra']);
    // `%` is a character to find, not a wildcard that matches everything.
    expect(ProblemList.parse((await get('/api/problems?q=%25')).body).items).toEqual([]);
  });

  it.each([
    ['/api/problems?difficulty=impossible', 'VALIDATION_FAILED'],
    ['/api/problems?limit=0', 'VALIDATION_FAILED'],
    ['/api/problems?limit=101', 'VALIDATION_FAILED'],
    ['/api/problems?cursor=not-a-cursor', 'VALIDATION_FAILED'],
    [`/api/problems?cursor=${Buffer.from('{"n":"1; drop"}').toString('base64url')}`, 'VALIDATION_FAILED'],
    ['/api/problems?language=cobol', 'LANGUAGE_UNSUPPORTED'],
  ])('answers %s with 400 %s', async (path, code) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe(code);
  });
});

describe('problem detail', () => {
  it('shows the statement in both languages, the samples and starter code, and only counts hidden tests', async () => {
    const response = await get('/api/problems/a-plus-b');
    expect(response.status).toBe(200);
    const problem = ProblemDetail.parse(response.body);
    const folder = join(problemsDir, 'a-plus-b');
    expect(problem.texts.ko.statement).toBe((await readFile(join(folder, 'ko/statement.md'), 'utf8')).trim());
    expect(problem.texts.en.title).toBe('A+B');
    expect(problem.samples.map((sample) => sample.id)).toEqual(['sample-01', 'sample-02']);
    expect(problem.samples[0]!.input).toBe(await readFile(join(folder, 'tests/sample-01.in'), 'utf8'));
    expect(problem.samples[0]!.output).toBe(await readFile(join(folder, 'tests/sample-01.out'), 'utf8'));
    const hidden = (await readdir(join(folder, 'tests'))).filter(
      (f) => f.endsWith('.in') && !f.startsWith('sample-'),
    );
    expect(problem.hiddenTestCount).toBe(hidden.length);
    expect(problem.starterCode.python).toBe(await readFile(join(folder, 'starter/main.py'), 'utf8'));
    expect(problem.checker).toEqual({ type: 'exact' });
  });

  it('never sends hidden tests, reference solutions or wrong solutions', async () => {
    const folder = join(problemsDir, 'dijkstra');
    const response = await get('/api/problems/dijkstra');
    const body = JSON.stringify(response.body);
    const hiddenNames = (await readdir(join(folder, 'tests'))).filter((f) => !f.startsWith('sample-'));
    for (const name of hiddenNames) {
      const content = (await readFile(join(folder, 'tests', name), 'utf8')).trim();
      // A line long enough not to occur by chance in a statement or sample.
      const probe = content.split('\n').find((line) => line.length >= 12);
      if (probe) expect(body, `tests/${name}`).not.toContain(JSON.stringify(probe).slice(1, -1));
    }
    const solution = await readFile(join(folder, 'solutions/main.py'), 'utf8');
    expect(body).not.toContain(JSON.stringify(solution.split('\n').slice(0, 5).join('\n')).slice(1, -1));
  });

  it('finds a problem by id as well as by slug, and answers 404 for an unknown one', async () => {
    const bySlug = ProblemDetail.parse((await get('/api/problems/lis')).body);
    const byId = ProblemDetail.parse((await get(`/api/problems/${bySlug.id}`)).body);
    expect(byId.slug).toBe('lis');
    for (const path of [
      '/api/problems/no-such-problem',
      '/api/problems/00000000-0000-4000-8000-000000000000',
    ]) {
      const missing = await get(path);
      expect(missing.status).toBe(404);
      expect(errorCode(missing.body)).toBe('NOT_FOUND');
    }
  });

  it('picks a random problem within the filters, or answers 404 when none matches', async () => {
    for (let i = 0; i < 5; i += 1) {
      const response = await get('/api/problems/random?language=cpp&difficulty=medium');
      expect(response.status).toBe(200);
      const problem = ProblemDetail.parse(response.body);
      expect(problem.difficulty).toBe('medium');
      expect(problem.languages).toContain('cpp');
    }
    const none = await get('/api/problems/random?tag=no-such-tag');
    expect(none.status).toBe(404);
  });
});

describe('dictation snippets', () => {
  it('lists every catalogue snippet, filters by language and algorithm, and serves the code as written', async () => {
    const algorithms = (await readdir(dictationsDir)).sort();
    const all = DictationList.parse((await get('/api/dictations')).body).items;
    expect(all.length).toBe(algorithms.length * 5);

    const [kmp] = DictationList.parse(
      (await get('/api/dictations?language=python&algorithm=kmp')).body,
    ).items;
    expect(kmp).toMatchObject({ language: 'python', algorithm: 'kmp' });
    const snippet = Dictation.parse((await get(`/api/dictations/${kmp!.id}`)).body);
    const code = await readFile(join(dictationsDir, 'kmp/python.py'), 'utf8');
    expect(snippet.code).toBe(code);
    expect(snippet.lineCount).toBe(code.trimEnd().split('\n').length);
    const meta = JSON.parse(await readFile(join(dictationsDir, 'kmp/meta.json'), 'utf8')) as Dictation;
    expect(snippet.title).toEqual(meta.title);
    expect(snippet.explanation).toEqual(meta.explanation);
  });

  it('answers 404 for an unknown snippet and 400 for an unknown language', async () => {
    expect((await get('/api/dictations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/api/dictations/not-an-id')).status).toBe(404);
    const bad = await get('/api/dictations?language=rust');
    expect(bad.status).toBe(400);
    expect(errorCode(bad.body)).toBe('LANGUAGE_UNSUPPORTED');
  });
});

const echoProblem: ProblemInput = {
  slug: 'echo-line',
  difficulty: 'easy',
  tags: ['implementation'],
  timeLimitMs: 1000,
  memoryLimitMb: 128,
  checker: { type: 'exact' },
  languages: ['python', 'cpp'],
  texts: {
    ko: { title: '그대로 출력', statement: '한 줄을 그대로 출력한다.', input: '한 줄.', output: '그 줄.' },
    en: { title: 'Echo', statement: 'Print the line as is.', input: 'A line.', output: 'The line.' },
  },
  starterCode: { python: 'print(input())\n' },
};

describe('administration', () => {
  it('is refused to signed-out callers (401) and to players (403)', async () => {
    const anonymous = await call(compile.url, 'POST', '/api/problems', echoProblem);
    expect(anonymous.status).toBe(401);
    const player = await call(compile.url, 'POST', '/api/problems', echoProblem, user);
    expect(player.status).toBe(403);
    expect(errorCode(player.body)).toBe('FORBIDDEN');
    expect((await get('/api/problems/a-plus-b/tests', user)).status).toBe(403);
    expect((await get('/api/problems/a-plus-b/export', user)).status).toBe(403);
    expect(
      (await call(compile.url, 'DELETE', '/api/problems/a-plus-b/tests/01', undefined, user)).status,
    ).toBe(403);
  });

  it('creates a problem, adds sample and hidden tests, edits it, and refuses a taken slug', async () => {
    const created = await call(compile.url, 'POST', '/api/problems', echoProblem, admin);
    expect(created.status).toBe(201);
    expect(ProblemDetail.parse(created.body)).toMatchObject({
      slug: 'echo-line',
      languages: ['python', 'cpp'],
    });
    expect((await call(compile.url, 'POST', '/api/problems', echoProblem, admin)).status).toBe(409);

    const put = (name: string, test: object) =>
      call(compile.url, 'PUT', `/api/problems/echo-line/tests/${name}`, test, admin);
    expect((await put('sample-01', { input: 'hi\n', output: 'hi\n', sample: true })).status).toBe(204);
    expect((await put('01', { input: 'secret\n', output: 'secret\n' })).status).toBe(204);
    expect((await put('../escape', { input: '', output: '' })).status).toBe(404);
    expect((await put('bad name', { input: '', output: '' })).status).toBe(400);

    const detail = ProblemDetail.parse((await get('/api/problems/echo-line')).body);
    expect(detail.samples).toEqual([{ id: 'sample-01', input: 'hi\n', output: 'hi\n' }]);
    expect(detail.hiddenTestCount).toBe(1);
    const tests = TestCaseList.parse((await get('/api/problems/echo-line/tests', admin)).body);
    expect(tests.items).toEqual([
      { name: 'sample-01', sample: true, inputBytes: 3, outputBytes: 3 },
      { name: '01', sample: false, inputBytes: 7, outputBytes: 7 },
    ]);
    expect((await get('/api/problems/echo-line/tests/01', admin)).body).toMatchObject({ input: 'secret\n' });

    const edited = await call(
      compile.url,
      'PUT',
      '/api/problems/echo-line',
      {
        ...echoProblem,
        timeLimitMs: 2000,
        texts: { ...echoProblem.texts, en: { ...echoProblem.texts.en, title: 'Echo!' } },
      },
      admin,
    );
    expect(edited.status).toBe(200);
    expect(ProblemDetail.parse(edited.body)).toMatchObject({ timeLimitMs: 2000, title: { en: 'Echo!' } });

    expect(
      (await call(compile.url, 'DELETE', '/api/problems/echo-line/tests/01', undefined, admin)).status,
    ).toBe(204);
    expect(
      (await call(compile.url, 'DELETE', '/api/problems/echo-line/tests/01', undefined, admin)).status,
    ).toBe(404);
    expect(ProblemDetail.parse((await get('/api/problems/echo-line')).body).hiddenTestCount).toBe(0);
  });

  it('rejects an invalid problem body with every problem listed', async () => {
    const response = await call(
      compile.url,
      'POST',
      '/api/problems',
      { ...echoProblem, slug: 'Bad Slug', timeLimitMs: 5, languages: ['cobol'] },
      admin,
    );
    expect(response.status).toBe(400);
    const details = (response.body as { error: { details: { path: string }[] } }).error.details;
    expect(details.map((d) => d.path).sort()).toEqual(['languages.0', 'slug', 'timeLimitMs']);
  });

  it('exports a catalogue problem as a .tar.gz that unpacks to the catalogue folder', async () => {
    const response = await fetch(`${compile.url}/api/problems/a-plus-b/export`, { headers: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('content-disposition')).toContain('a-plus-b.tar.gz');
    const target = await mkdtemp(join(tmpdir(), 'compile-export-'));
    try {
      execFileSync('tar', ['-xzf', '-', '-C', target], { input: Buffer.from(await response.arrayBuffer()) });
      const exported = await readFolder(join(target, 'a-plus-b'));
      const original = await readFolder(join(problemsDir, 'a-plus-b'));
      expect([...exported.keys()].sort()).toEqual([...original.keys()].sort());
      for (const [path, content] of original) {
        if (path === 'problem.json')
          expect(JSON.parse(exported.get(path)!.toString())).toEqual(JSON.parse(content.toString()));
        else if (path.endsWith('.md'))
          expect(exported.get(path)!.toString().trim()).toBe(content.toString().trim());
        else expect(exported.get(path)!.equals(content), path).toBe(true);
      }
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  });

  it('imports a folder as JSON or .tar.gz: creates, updates, and knows when nothing changed', async () => {
    const exported = ProblemFolderJson.parse(
      (await get('/api/problems/gcd-lcm/export?format=json', admin)).body,
    );
    const files = Object.fromEntries(
      Object.entries(exported.files).map(([path, content]) => [
        path,
        Buffer.from(content, 'base64').toString(),
      ]),
    );
    const meta = JSON.parse(files['problem.json']!) as { slug: string; title: { en: string } };
    meta.slug = 'gcd-lcm-copy';
    meta.title.en = 'GCD and LCM, again';
    files['problem.json'] = JSON.stringify(meta);
    files['tests/99.in'] = '6 4\n';
    files['tests/99.out'] = '2 12\n';

    const created = await call(compile.url, 'POST', '/api/problems/import', { files }, admin);
    expect(created.status).toBe(201);
    expect(ImportResult.parse(created.body)).toMatchObject({
      outcome: 'created',
      problem: { slug: 'gcd-lcm-copy' },
    });
    const again = await call(compile.url, 'POST', '/api/problems/import', { files }, admin);
    expect(ImportResult.parse(again.body).outcome).toBe('unchanged');

    // The same problem, changed, as an archive exported from it.
    const archive = Buffer.from(
      await (
        await fetch(`${compile.url}/api/problems/gcd-lcm-copy/export`, { headers: admin })
      ).arrayBuffer(),
    );
    await call(compile.url, 'DELETE', '/api/problems/gcd-lcm-copy/tests/99', undefined, admin);
    const restored = await fetch(`${compile.url}/api/problems/import`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/gzip' },
      body: archive,
    });
    expect(restored.status).toBe(200);
    expect(ImportResult.parse(await restored.json()).outcome).toBe('updated');
    const tests = TestCaseList.parse((await get('/api/problems/gcd-lcm-copy/tests', admin)).body).items;
    expect(tests.map((test) => test.name)).toContain('99');
    expect(ProblemDetail.parse((await get('/api/problems/gcd-lcm-copy')).body).title.en).toBe(
      'GCD and LCM, again',
    );
  });

  it('refuses an invalid folder or archive with 400 and the reasons', async () => {
    const response = await call(
      compile.url,
      'POST',
      '/api/problems/import',
      { files: { 'problem.json': '{"slug":"x-y"}', 'tests/01.in': '1', '../evil': 'x' } },
      admin,
    );
    expect(response.status).toBe(400);
    const details = (response.body as { error: { details: string[] } }).error.details;
    expect(details.join('\n')).toMatch(/unsafe or unusual path "..\/evil"/);
    expect(details.join('\n')).toMatch(/tests\/01.in has no tests\/01.out/);
    expect(details.join('\n')).toMatch(/ko\/statement.md is missing/);

    const garbage = await fetch(`${compile.url}/api/problems/import`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/gzip' },
      body: Buffer.from('not gzip at all'),
    });
    expect(garbage.status).toBe(400);
  });

  it('creates, edits and deletes dictation snippets; one per algorithm and language', async () => {
    const snippet = {
      language: 'python',
      algorithm: 'two-sum',
      title: { ko: '두 수의 합', en: 'Two sum' },
      explanation: { ko: '해시로 찾는다.', en: 'Find with a hash.' },
      code: 'print(1)\n',
    };
    const created = await call(compile.url, 'POST', '/api/dictations', snippet, admin);
    expect(created.status).toBe(201);
    const { id } = Dictation.parse(created.body);
    const clash = await call(compile.url, 'POST', '/api/dictations', snippet, admin);
    expect(clash.status).toBe(409);
    expect(errorCode(clash.body)).toBe('ALREADY_EXISTS');
    const edited = await call(
      compile.url,
      'PUT',
      `/api/dictations/${id}`,
      { ...snippet, code: 'print(2)\n' },
      admin,
    );
    expect(Dictation.parse(edited.body).code).toBe('print(2)\n');
    expect((await call(compile.url, 'DELETE', `/api/dictations/${id}`, undefined, admin)).status).toBe(204);
    expect((await get(`/api/dictations/${id}`)).status).toBe(404);
    expect((await call(compile.url, 'POST', '/api/dictations', snippet, user)).status).toBe(403);
  });
});

describe('catalogue seed', () => {
  it('creates at first start, skips unchanged folders on the next, and re-seeds a folder that changed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'compile-catalogue-'));
    try {
      await cp(join(problemsDir, 'a-plus-b'), join(root, 'problems/a-plus-b'), { recursive: true });
      await cp(join(problemsDir, 'lis'), join(root, 'problems/lis'), { recursive: true });
      await cp(join(dictationsDir, 'bfs'), join(root, 'dictations/bfs'), { recursive: true });
      await cp(join(problemsDir, 'gcd-lcm'), join(root, 'problems/broken'), { recursive: true }); // slug ≠ folder
      const env = { CATALOGUE_DIR: root };

      const first = await startTestCompile({ queue: 'memory', env });
      try {
        expect(first.service.seedReport).toMatchObject({
          problems: { created: 2, updated: 0, unchanged: 0 },
          dictations: { created: 5, updated: 0, unchanged: 0 },
        });
        expect(first.service.seedReport!.failed.map((f) => f.folder)).toEqual(['problems/broken']);

        const second = await startTestCompile({ queue: 'memory', env, databaseUrl: first.databaseUrl });
        expect(second.service.seedReport).toMatchObject({
          problems: { created: 0, updated: 0, unchanged: 2 },
          dictations: { created: 0, updated: 0, unchanged: 5 },
        });
        await second.close();

        await writeFile(join(root, 'problems/lis/tests/sample-01.out'), '999\n');
        await writeFile(join(root, 'dictations/bfs/python.py'), 'print("changed")\n');
        const third = await startTestCompile({ queue: 'memory', env, databaseUrl: first.databaseUrl });
        expect(third.service.seedReport).toMatchObject({
          problems: { created: 0, updated: 1, unchanged: 1 },
          dictations: { created: 0, updated: 1, unchanged: 4 },
        });
        const lis = ProblemDetail.parse((await call(third.url, 'GET', '/api/problems/lis')).body);
        expect(lis.samples[0]!.output).toBe('999\n');
        await third.close();
      } finally {
        await first.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
