import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFolder } from '../../adapters/catalogue-files.js';
import type { FolderFiles } from '../problem-folder.js';
import { kattisPackageFiles, readKattisPackage } from './kattis-package.js';
import { PackageError, type PackageProblem } from './package-error.js';

const folder = (files: Record<string, string>): FolderFiles =>
  new Map(Object.entries(files).map(([path, content]) => [path, Buffer.from(content)]));

/** A legacy package: LaTeX statement, nested test groups, float tolerance, every submission folder. */
export const legacyPackage = {
  'problem.yaml': [
    'name: Half Sum',
    'author: Ada Lovelace',
    'source: Corazy Cup',
    'source_url: https://example.com/cup',
    'license: cc by-sa',
    'keywords: math floats',
    'validator_flags: float_tolerance 1e-6',
    'limits:',
    '  memory: 256',
    '  time_multiplier: 3',
    '  output: 8',
    '',
  ].join('\n'),
  'problem_statement/problem.en.tex': [
    '\\problemname{Half Sum}',
    '% a comment the player never sees',
    'Print half of $A+B$.',
    '\\section*{Input}',
    'Two integers \\(A\\) and $B$ ($0 \\le A, B \\le 10^9$).',
    '\\section*{Output}',
    'One number, within \\textbf{absolute or relative} error $10^{-6}$.',
    '',
  ].join('\n'),
  'problem_statement/problem.sv.tex': '\\problemname{Halv summa}\n',
  'data/sample/1.in': '1 2\n',
  'data/sample/1.ans': '1.5\n',
  'data/secret/small/01.in': '0 0\n',
  'data/secret/small/01.ans': '0\n',
  'data/secret/small/01.desc': 'zeros\n',
  'data/secret/large/big/01.in': '1000000000 1000000000\n',
  'data/secret/large/big/01.ans': '1000000000\n',
  'input_validators/validate.py': 'import sys\n',
  'submissions/accepted/half.py': 'a, b = map(int, input().split())\nprint((a + b) / 2)\n',
  'submissions/accepted/half.kt': 'fun main() {}\n',
  'submissions/wrong_answer/floor.c':
    '#include <stdio.h>\nint main(){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",(a+b)/2);}\n',
  'submissions/time_limit_exceeded/spin.py': 'while True: pass\n',
  'submissions/run_time_error/crash.js': 'throw new Error("no")\n',
  'submissions/slow_accepted/slow.py': 'print(0)\n',
};

/** Asymmetric matchers typed as the strings they stand for. */
const containing = (text: string) => expect.stringContaining(text) as string;
const matching = (pattern: RegExp) => expect.stringMatching(pattern) as string;

/** A 2023-07 package: Markdown statements in English and Korean, a fixed limit, project fields. */
export const modernPackage = {
  'problem.yaml': [
    'problem_format_version: 2023-07-draft',
    'name:',
    '  en: Echo',
    '  ko: 메아리',
    'uuid: 7e1a0a52-8f43-4b7e-9d55-0a4b2c9d1e01',
    'license: cc0',
    'credits: Grace Hopper',
    'limits:',
    '  time_limit: 1.5',
    '  memory: 128',
    'keywords: [strings]',
    'languages: [python3, cpp]',
    '',
  ].join('\n'),
  'statement/problem.en.md': 'Repeat the line.\n\n## Input\n\nOne line.\n\n## Output\n\nThe same line.\n',
  'statement/problem.ko.md': '줄을 그대로 출력하세요.\n\n## 입력\n\n한 줄.\n\n## 출력\n\n같은 줄.\n',
  'data/sample/1.in': 'hi\n',
  'data/sample/1.ans': 'hi\n',
  'data/secret/1.in': 'abc\n',
  'data/secret/1.ans': 'abc\n',
  'submissions/accepted/echo.py': 'print(input())\n',
  'submissions/accepted/echo.cpp':
    '#include <iostream>\n#include <string>\nint main(){std::string s;std::getline(std::cin,s);std::cout<<s<<"\\n";}\n',
  'corazy/problem.yaml': 'difficulty: easy\n',
  'corazy/starter/main.py': 'line = input()\n',
};

function refusal(files: FolderFiles, slug = 'sample-problem'): PackageProblem[] {
  try {
    readKattisPackage(files, slug);
  } catch (error) {
    if (error instanceof PackageError) return error.problems;
    throw error;
  }
  throw new Error('the package was accepted');
}

const without = (files: Record<string, string>, ...paths: string[]) =>
  Object.fromEntries(Object.entries(files).filter(([path]) => !paths.includes(path)));

describe('reading a legacy package', () => {
  const read = readKattisPackage(folder(legacyPackage), 'half-sum');
  const { input } = read.definition;

  it('takes the name, limits and flags from problem.yaml', () => {
    expect(input.slug).toBe('half-sum');
    expect(input.texts.en.title).toBe('Half Sum');
    expect(input.texts.ko.title).toBe('Half Sum');
    expect(input.memoryLimitMb).toBe(256);
    expect(input.tags).toEqual(['math', 'floats']);
    expect(input.checker).toEqual({ type: 'float', absError: 1e-6, relError: 1e-6 });
    expect(read.timeLimit).toEqual({ kind: 'from-accepted', resolutionMs: 1000 });
    expect(read.timeMultipliers).toEqual({ acToTimeLimit: 3, timeLimitToTle: 2 });
  });

  it('turns the LaTeX statement into the three Markdown parts', () => {
    expect(input.texts.en).toEqual({
      title: 'Half Sum',
      statement: 'Print half of $A+B$.',
      input: 'Two integers $A$ and $B$ ($0 \\le A, B \\le 10^9$).',
      output: 'One number, within **absolute or relative** error $10^{-6}$.',
    });
    // No Korean statement: Korean players read the English one.
    expect(input.texts.ko).toEqual(input.texts.en);
  });

  it('names tests after their group folders, samples first', () => {
    expect(read.definition.tests.map((test) => [test.name, test.sample])).toEqual([
      ['sample-1', true],
      ['large.big.01', false],
      ['small.01', false],
    ]);
    expect(read.definition.tests[0]!.output.toString()).toBe('1.5\n');
  });

  it('lists the submissions it can run with the verdict their folder promises, and notes the rest', () => {
    expect(read.submissions.map((s) => [s.path, s.language, s.expected])).toEqual([
      ['submissions/accepted/half.py', 'python', 'ACCEPTED'],
      ['submissions/run_time_error/crash.js', 'javascript', 'RUNTIME_ERROR'],
      ['submissions/time_limit_exceeded/spin.py', 'python', 'TIME_LIMIT_EXCEEDED'],
      ['submissions/wrong_answer/floor.c', 'c', 'WRONG_ANSWER'],
    ]);
    expect(read.notes).toEqual(
      expect.arrayContaining([
        containing('submissions/accepted/half.kt'),
        containing('submissions/slow_accepted/slow.py'),
        containing('input_validators/'),
      ]),
    );
  });

  it('keeps descriptive keys and every file it does not interpret', () => {
    expect(read.definition.extraMeta).toEqual({
      kattis: {
        uuid: matching(/^[0-9a-f]{8}-[0-9a-f]{4}-5/),
        credits: 'Ada Lovelace',
        source: { name: 'Corazy Cup', url: 'https://example.com/cup' },
        license: 'cc by-sa',
        limits: { output: 8, time_multipliers: { ac_to_time_limit: 3, time_limit_to_tle: 2 } },
      },
    });
    expect([...read.definition.otherFiles.keys()].sort()).toEqual([
      'data/secret/small/01.desc',
      'input_validators/validate.py',
      'statement/problem.sv.tex',
      'submissions/accepted/half.kt',
      'submissions/accepted/half.py',
      'submissions/run_time_error/crash.js',
      'submissions/slow_accepted/slow.py',
      'submissions/time_limit_exceeded/spin.py',
      'submissions/wrong_answer/floor.c',
    ]);
  });
});

describe('reading a 2023-07 package', () => {
  const read = readKattisPackage(folder(modernPackage), 'echo');
  const { input } = read.definition;

  it('takes names per language, the fixed time limit, languages and the project fields', () => {
    expect(input.texts.ko).toEqual({
      title: '메아리',
      statement: '줄을 그대로 출력하세요.',
      input: '한 줄.',
      output: '같은 줄.',
    });
    expect(input.texts.en.output).toBe('The same line.');
    expect(read.timeLimit).toEqual({ kind: 'fixed', ms: 1500 });
    expect(input.timeLimitMs).toBe(1500);
    expect(input.memoryLimitMb).toBe(128);
    expect(input.languages).toEqual(['python', 'cpp']);
    expect(input.difficulty).toBe('easy');
    expect(input.starterCode).toEqual({ python: 'line = input()\n' });
    expect(input.checker).toEqual({ type: 'tokens' });
  });
});

describe('writing a package', () => {
  for (const [name, files, slug] of [
    ['legacy', legacyPackage, 'half-sum'],
    ['2023-07', modernPackage, 'echo'],
  ] as const) {
    it(`gives back the same definition, and the same bytes on a second round (${name})`, () => {
      const first = readKattisPackage(folder(files), slug);
      // The time limit verification would find, so the written package carries it.
      first.definition.input.timeLimitMs = 2000;
      const written = kattisPackageFiles(first.definition);
      const second = readKattisPackage(written, slug);
      expect(second.definition).toEqual(first.definition);
      expect(second.timeLimit).toEqual({ kind: 'fixed', ms: 2000 });
      const rewritten = kattisPackageFiles(second.definition);
      expect([...rewritten.keys()].sort()).toEqual([...written.keys()].sort());
      for (const [path, content] of written) expect(rewritten.get(path)?.equals(content), path).toBe(true);
    });
  }

  it('writes the 2023-07 layout problemtools reads', () => {
    const read = readKattisPackage(folder(legacyPackage), 'half-sum');
    read.definition.input.timeLimitMs = 2000;
    const written = kattisPackageFiles(read.definition);
    expect(written.get('problem.yaml')!.toString()).toContain('problem_format_version: 2023-07-draft');
    expect(written.get('problem.yaml')!.toString()).toContain('time_limit: 2\n');
    expect(written.get('problem.yaml')!.toString()).toContain('credits: Ada Lovelace');
    expect(written.get('data/testdata.yaml')!.toString()).toBe(
      'output_validator_flags: case_sensitive float_absolute_tolerance 0.000001 float_relative_tolerance 0.000001\n',
    );
    expect(written.get('statement/problem.ko.md')!.toString()).toContain('## 입력');
    expect(written.has('data/secret/large/big/01.in')).toBe(true);
    expect(written.has('data/sample/1.ans')).toBe(true);
  });
});

describe('refusing what is not supported, naming the file and the key', () => {
  const legacyYaml = legacyPackage['problem.yaml'];
  const cases: [string, Record<string, string>, PackageProblem][] = [
    [
      'a custom output validator',
      { ...legacyPackage, 'problem.yaml': `${legacyYaml}validation: custom\n` },
      { file: 'problem.yaml', key: 'validation', message: containing('not supported yet') },
    ],
    [
      'the validator program itself',
      { ...legacyPackage, 'output_validators/check/check.cc': 'int main(){}' },
      {
        file: 'output_validators/check/check.cc',
        message: containing('custom output validators'),
      },
    ],
    [
      'an interactive problem',
      { ...modernPackage, 'problem.yaml': `${modernPackage['problem.yaml']}type: interactive\n` },
      { file: 'problem.yaml', key: 'type', message: containing('interactive') },
    ],
    [
      'an unknown problem.yaml key',
      { ...legacyPackage, 'problem.yaml': `${legacyYaml}colour: red\n` },
      { file: 'problem.yaml', key: 'colour', message: containing('not supported') },
    ],
    [
      'an unknown limit',
      {
        ...modernPackage,
        'problem.yaml': modernPackage['problem.yaml'].replace('  memory: 128', '  memory: 128\n  wall: 3'),
      },
      { file: 'problem.yaml', key: 'limits.wall', message: 'is not supported' },
    ],
    [
      'an unknown validator flag',
      { ...legacyPackage, 'problem.yaml': legacyYaml.replace('float_tolerance 1e-6', 'ignore_case') },
      { file: 'problem.yaml', key: 'validator_flags', message: containing('ignore_case') },
    ],
    [
      'included code',
      { ...legacyPackage, 'include/cpp/header.h': '' },
      { file: 'include/cpp/header.h', message: 'included code is not supported' },
    ],
    [
      'a test without an answer',
      without(legacyPackage, 'data/secret/small/01.ans'),
      { file: 'data/secret/small/01.in', message: 'has no data/secret/small/01.ans' },
    ],
    [
      'an unknown LaTeX macro',
      {
        ...legacyPackage,
        'problem_statement/problem.en.tex': legacyPackage['problem_statement/problem.en.tex'].replace(
          'Print half',
          '\\fancybox{Print} half',
        ),
      },
      {
        file: 'problem_statement/problem.en.tex',
        key: '\\fancybox',
        message: 'unknown LaTeX macro \\fancybox (line 3)',
      },
    ],
    [
      'a statement without an Output section',
      { ...modernPackage, 'statement/problem.en.md': 'Repeat.\n\n## Input\n\nOne line.\n' },
      { file: 'statement/problem.en.md', message: containing('Output') },
    ],
    [
      'no accepted submission to verify with',
      without(modernPackage, 'submissions/accepted/echo.py', 'submissions/accepted/echo.cpp'),
      { file: 'submissions/accepted', message: containing('at least one accepted submission') },
    ],
    [
      'an unsafe path',
      { ...modernPackage, 'data/../../etc/passwd': 'x' },
      { file: 'data/../../etc/passwd', message: 'unsafe or unusual path' },
    ],
    [
      'an unknown format version',
      { ...modernPackage, 'problem.yaml': modernPackage['problem.yaml'].replace('2023-07-draft', '2031-01') },
      { file: 'problem.yaml', key: 'problem_format_version', message: containing('2031-01') },
    ],
    [
      'YAML that is not a mapping',
      { ...modernPackage, 'problem.yaml': '- a\n- b\n' },
      { file: 'problem.yaml', message: 'must be a YAML mapping' },
    ],
    [
      'a language not offered here',
      {
        ...modernPackage,
        'problem.yaml': modernPackage['problem.yaml'].replace('[python3, cpp]', '[cobol]'),
      },
      { file: 'problem.yaml', key: 'languages', message: containing('cobol') },
    ],
    [
      'per-group validator flags',
      { ...modernPackage, 'data/secret/testdata.yaml': 'output_validator_flags: case_sensitive\n' },
      {
        file: 'data/secret/testdata.yaml',
        key: 'output_validator_flags',
        message: containing('per test group'),
      },
    ],
    [
      'an unknown difficulty',
      { ...modernPackage, 'corazy/problem.yaml': 'difficulty: brutal\n' },
      { file: 'corazy/problem.yaml', key: 'difficulty', message: 'is easy, medium or hard' },
    ],
  ];
  for (const [what, files, expected] of cases) {
    it(`refuses ${what}`, () => {
      expect(refusal(folder(files))).toContainEqual(expected);
    });
  }

  it('lists every problem at once', () => {
    const problems = refusal(
      folder({
        ...without(legacyPackage, 'data/sample/1.ans'),
        'include/x.h': '',
        'problem.yaml': 'colour: red\n',
      }),
    );
    expect(problems.map((problem) => problem.file)).toEqual(
      expect.arrayContaining(['problem.yaml', 'include/x.h', 'data/sample/1.in']),
    );
  });

  it('refuses a slug that cannot name a problem', () => {
    expect(refusal(folder(modernPackage), 'Not A Slug')).toContainEqual(
      expect.objectContaining({ file: '(package folder)' }),
    );
  });
});

// The public problemtools examples, when brought to this machine (never committed): set
// PROBLEMTOOLS_EXAMPLES to the folder holding different/, hello/, oddecho/, guess/.
const examples = process.env.PROBLEMTOOLS_EXAMPLES ?? '/tmp/problemtools-examples';
describe.runIf(existsSync(`${examples}/hello/problem.yaml`))('the problemtools examples', () => {
  const load = (name: string) => readFolder(`${examples}/${name}`);

  it('reads hello (legacy, LaTeX, no samples)', async () => {
    const read = readKattisPackage(await load('hello'), 'hello');
    expect(read.definition.input.texts.en.title).toBe('Hello World!');
    expect(read.definition.input.memoryLimitMb).toBe(512);
    expect(read.submissions.filter((s) => s.expected === 'ACCEPTED').length).toBeGreaterThan(0);
  });

  it('reads oddecho (2023-07, scoring graded pass-fail, test groups)', async () => {
    const read = readKattisPackage(await load('oddecho'), 'oddecho');
    expect(read.definition.tests.some((test) => test.name.startsWith('subtask1.'))).toBe(true);
    expect(read.definition.extraMeta).toMatchObject({ kattis: { type: 'scoring' } });
  });

  it('refuses different (custom validator) and guess (interactive) with the reason', async () => {
    expect(refusal(await load('different'), 'different')).toContainEqual(
      expect.objectContaining({ file: 'problem.yaml', key: 'validation' }),
    );
    expect(refusal(await load('guess'), 'guess')).toContainEqual(
      expect.objectContaining({ file: 'problem.yaml', key: 'type' }),
    );
  });
});
