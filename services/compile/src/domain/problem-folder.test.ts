import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGED_CATALOGUE_DIR, readFolder } from '../adapters/catalogue-files.js';
import { packFolder, unpackFolder } from '../adapters/folder-archive.js';
import {
  folderHash,
  FolderError,
  parseProblemFolder,
  problemFolderFiles,
  type FolderFiles,
} from './problem-folder.js';

const folder = (files: Record<string, string>): FolderFiles =>
  new Map(Object.entries(files).map(([path, content]) => [path, Buffer.from(content)]));

const minimal = {
  'problem.json': JSON.stringify({
    slug: 'tiny',
    title: { ko: '작은', en: 'Tiny' },
    difficulty: 'easy',
    tags: ['math'],
    timeLimitMs: 1000,
    memoryLimitMb: 128,
    wrong: { 'off-by-one.py': 'WRONG_ANSWER' },
  }),
  'ko/statement.md': '설명',
  'ko/input.md': '입력',
  'ko/output.md': '출력',
  'en/statement.md': 'Statement',
  'en/input.md': 'Input',
  'en/output.md': 'Output',
  'tests/sample-01.in': '1\n',
  'tests/sample-01.out': '1\n',
  'tests/10.in': '10\n',
  'tests/10.out': '10\n',
  'tests/2.in': '2\n',
  'tests/2.out': '2\n',
  'starter/main.py': 'print()\n',
  'wrong/off-by-one.py': 'print(0)\n',
};

describe('problem folders', () => {
  it('reads samples first, then hidden tests in natural order, and keeps unknown keys and files', () => {
    const definition = parseProblemFolder(folder(minimal));
    expect(definition.tests.map((test) => [test.name, test.sample])).toEqual([
      ['sample-01', true],
      ['2', false],
      ['10', false],
    ]);
    expect(definition.input.checker).toEqual({ type: 'exact' });
    expect(definition.input.starterCode).toEqual({ python: 'print()\n' });
    expect(definition.extraMeta).toEqual({ wrong: { 'off-by-one.py': 'WRONG_ANSWER' } });
    expect([...definition.otherFiles.keys()]).toEqual(['wrong/off-by-one.py']);
  });

  it('writes a definition back to a folder that reads as the same definition', () => {
    const definition = parseProblemFolder(folder(minimal));
    expect(parseProblemFolder(problemFolderFiles(definition))).toEqual(definition);
  });

  it('lists every problem of a broken folder at once', () => {
    const broken = folder({
      ...minimal,
      'problem.json': JSON.stringify({ slug: 'Not A Slug', title: { ko: '' }, difficulty: 'easy' }),
      'tests/3.in': '3',
      'tests/orphan.out': 'x',
      'en/output.md': '   ',
      '/etc/passwd': 'x',
    });
    let problems: string[] = [];
    try {
      parseProblemFolder(broken);
    } catch (error) {
      if (!(error instanceof FolderError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        'unsafe or unusual path "/etc/passwd"',
        expect.stringMatching(/^problem.json slug: /),
        expect.stringMatching(/^problem.json title.ko: /),
        expect.stringMatching(/^problem.json timeLimitMs: /),
        'en/output.md is missing or empty',
        'tests/3.in has no tests/3.out',
        'tests/orphan.out has no matching .in file',
      ]),
    );
  });

  it('hashes a folder by paths and contents, whatever the order files were read in', () => {
    const files = folder(minimal);
    const reversed = new Map([...files].reverse());
    expect(folderHash(reversed)).toBe(folderHash(files));
    files.set('tests/2.out', Buffer.from('3\n'));
    expect(folderHash(files)).not.toBe(folderHash(reversed));
  });

  it('every catalogue problem reads without a problem', async () => {
    const { readdir } = await import('node:fs/promises');
    const root = join(PACKAGED_CATALOGUE_DIR, 'problems');
    for (const slug of await readdir(root)) {
      const definition = parseProblemFolder(await readFolder(join(root, slug)));
      expect(definition.input.slug).toBe(slug);
      expect(definition.tests.filter((test) => test.sample).length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('problem archives', () => {
  it('round-trips a folder through .tar.gz, under a top-level folder named after the slug', async () => {
    const files = folder(minimal);
    const archive = await packFolder('tiny', files);
    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const unpacked = await unpackFolder(archive);
    expect(new Map([...unpacked].sort())).toEqual(new Map([...files].sort()));
    // The same folder gives the same bytes.
    expect((await packFolder('tiny', new Map([...files].reverse()))).equals(archive)).toBe(true);
  });
});
