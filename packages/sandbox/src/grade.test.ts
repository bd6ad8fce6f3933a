import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grade, type GradeResult, type TestResult, type Verdict } from './grade.js';
import type { LanguageId } from './languages.js';
import { dockerBackend } from './test-support/docker-backend.js';
import { namespaceBackends, type TestBackend } from './test-support/backends.js';
import type { Sandbox } from './types.js';

const TESTS = [
  { id: 'small', input: '1 2\n', expected: '3\n' },
  { id: 'large', input: '1000000 2345678\n', expected: '3345678\n' },
];

/** One program per verdict and language; each must get exactly that verdict. */
const PROGRAMS: Record<LanguageId, Record<Exclude<Verdict, 'INTERNAL_ERROR'>, string>> = {
  python3: {
    ACCEPTED: 'a, b = map(int, input().split())\nprint(a + b)\n',
    WRONG_ANSWER: 'a, b = map(int, input().split())\nprint(a - b)\n',
    TIME_LIMIT_EXCEEDED: 'while True:\n    pass\n',
    MEMORY_LIMIT_EXCEEDED: 'blob = "x" * (512 * 1024 * 1024)\nprint(len(blob))\n',
    OUTPUT_LIMIT_EXCEEDED: 'while True:\n    print("x" * 1000)\n',
    RUNTIME_ERROR: 'a, b = map(int, input().split())\nprint(a // 0)\n',
    COMPILE_ERROR: 'def broken(:\n    pass\n',
  },
  c: {
    ACCEPTED:
      '#include <stdio.h>\nint main(void){ long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", a + b); return 0; }\n',
    WRONG_ANSWER:
      '#include <stdio.h>\nint main(void){ long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", a * b); return 0; }\n',
    TIME_LIMIT_EXCEEDED: 'int main(void){ volatile unsigned long i = 0; for (;;) i++; }\n',
    MEMORY_LIMIT_EXCEEDED:
      '#include <stdio.h>\n#include <stdlib.h>\nint main(void){ size_t n = 512u << 20; volatile char *p = malloc(n); if (!p) return 1; for (size_t i = 0; i < n; i += 4096) p[i] = 7; printf("%d\\n", p[n / 2]); return 0; }\n',
    OUTPUT_LIMIT_EXCEEDED:
      '#include <stdio.h>\nint main(void){ for (;;) puts("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); }\n',
    RUNTIME_ERROR: 'int main(void){ volatile int *p = 0; *p = 1; return 0; }\n',
    COMPILE_ERROR: 'int main(void){ return 0 }\n',
  },
  cpp: {
    ACCEPTED:
      '#include <iostream>\nint main(){ long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n',
    WRONG_ANSWER:
      '#include <iostream>\nint main(){ long long a, b; std::cin >> a >> b; std::cout << a << "\\n"; }\n',
    TIME_LIMIT_EXCEEDED: 'int main(){ volatile unsigned long long i = 0; for (;;) ++i; }\n',
    MEMORY_LIMIT_EXCEEDED:
      '#include <vector>\n#include <iostream>\nint main(){ std::vector<char> v(512u << 20, 1); std::cout << int(v.back()) << "\\n"; }\n',
    OUTPUT_LIMIT_EXCEEDED:
      '#include <cstdio>\nint main(){ for (;;) std::puts("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"); }\n',
    RUNTIME_ERROR: '#include <stdexcept>\nint main(){ throw std::runtime_error("boom"); }\n',
    COMPILE_ERROR: 'int main(){ undeclared_identifier = 1; }\n',
  },
  java: {
    ACCEPTED:
      'import java.util.*;\npublic class Solution { public static void main(String[] args) { Scanner in = new Scanner(System.in); long a = in.nextLong(), b = in.nextLong(); System.out.println(a + b); } }\n',
    WRONG_ANSWER:
      'import java.util.*;\npublic class Main { public static void main(String[] args) { Scanner in = new Scanner(System.in); System.out.println(in.nextLong()); } }\n',
    TIME_LIMIT_EXCEEDED:
      'public class Main { public static void main(String[] args) { long i = 0; while (true) { i++; if (i == -1) break; } } }\n',
    MEMORY_LIMIT_EXCEEDED:
      'public class Main { public static void main(String[] args) { long[] a = new long[200_000_000]; System.out.println(a.length); } }\n',
    OUTPUT_LIMIT_EXCEEDED:
      'public class Main { public static void main(String[] args) { while (true) System.out.println("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"); } }\n',
    RUNTIME_ERROR:
      'public class Main { public static void main(String[] args) { throw new IllegalStateException("boom"); } }\n',
    COMPILE_ERROR: 'public class Main { public static void main(String[] args) { int x = ; } }\n',
  },
  javascript: {
    ACCEPTED:
      'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    WRONG_ANSWER: 'console.log(42);\n',
    TIME_LIMIT_EXCEEDED: 'for (;;) {}\n',
    MEMORY_LIMIT_EXCEEDED: 'const keep = [];\nfor (;;) keep.push(new Array(1e7).fill(1.5));\n',
    // Synchronous writes: process.stdout.write on a pipe queues in the heap without backpressure and ends as MLE.
    OUTPUT_LIMIT_EXCEEDED:
      'const fs = require("fs");\nconst line = "w".repeat(1000) + "\\n";\nfor (;;) fs.writeSync(1, line);\n',
    RUNTIME_ERROR: 'null.property;\n',
    COMPILE_ERROR: 'let = ;\n',
  },
};

/** Evidence in the compiler's message that it is the real diagnostic, per language. */
const COMPILER_MESSAGE: Record<LanguageId, RegExp> = {
  python3: /SyntaxError/,
  c: /error: expected .;. before/,
  cpp: /undeclared_identifier/,
  java: /error: illegal start of expression/,
  javascript: /SyntaxError/,
};

for (const backend of [...namespaceBackends, dockerBackend] satisfies TestBackend[]) {
  describe(`verdict matrix on the ${backend.name} sandbox`, () => {
    let sandbox: Sandbox | null = null;
    let skipReason: string | null = null;

    beforeAll(async () => {
      const opened = await backend.open();
      if ('skip' in opened) skipReason = opened.skip;
      else sandbox = opened.sandbox;
    }, 600_000);

    afterAll(async () => {
      await sandbox?.close();
    });

    for (const [language, programs] of Object.entries(PROGRAMS) as Array<
      [LanguageId, Record<string, string>]
    >) {
      for (const [expected, source] of Object.entries(programs)) {
        it(`${language}: ${expected}`, async (context) => {
          if (!sandbox) return context.skip(skipReason ?? 'sandbox not opened');
          const reported: TestResult[] = [];
          const result: GradeResult = await grade(
            sandbox,
            {
              language,
              source,
              tests: TESTS,
              limits: { timeMs: 1000, memoryMb: 64 },
              stopOnFirstFailure: true,
              concurrency: 1,
            },
            (test) => {
              reported.push(test);
            },
          );
          expect(result.verdict, JSON.stringify(result, null, 1).slice(0, 1500)).toBe(expected);
          if (expected === 'COMPILE_ERROR') {
            expect(result.compile?.ok).toBe(false);
            expect(result.message).toMatch(COMPILER_MESSAGE[language]);
            expect(reported).toEqual([]);
          } else if (expected === 'ACCEPTED') {
            expect(reported.map((test) => test.verdict)).toEqual(['ACCEPTED', 'ACCEPTED']);
            expect(result.tests.every((test) => test.cpuMs > 0 && test.memoryBytes > 0)).toBe(true);
          } else {
            // stopOnFirstFailure: the first test fails, the second never runs.
            expect(reported).toHaveLength(1);
            expect(result.skipped).toBe(1);
          }
        }, 60_000);
      }
    }
  });
}

/** Counts the sandbox runs a grading makes, so a test can tell how many interpreter starts it cost. */
function countingRuns(sandbox: Sandbox): { sandbox: Sandbox; runs: string[][] } {
  const runs: string[][] = [];
  const counting = Object.create(sandbox) as Sandbox;
  counting.run = (spec) => {
    runs.push([...spec.command]);
    return sandbox.run(spec);
  };
  return { sandbox: counting, runs };
}

for (const backend of [...namespaceBackends, dockerBackend] satisfies TestBackend[]) {
  describe(`python in one interpreter start, and wall time, on the ${backend.name} sandbox`, () => {
    let sandbox: Sandbox | null = null;
    let skipReason: string | null = null;

    beforeAll(async () => {
      const opened = await backend.open();
      if ('skip' in opened) skipReason = opened.skip;
      else sandbox = opened.sandbox;
    }, 600_000);

    afterAll(async () => {
      await sandbox?.close();
    });

    const python = (box: Sandbox, source: string, limits = { timeMs: 1000, memoryMb: 64 }) =>
      grade(box, { language: 'python3', source, tests: TESTS, limits, concurrency: 1 });

    it('checks python syntax in the run itself: one start per test, none for a compile step', async (context) => {
      if (!sandbox) return context.skip(skipReason ?? 'sandbox not opened');
      const counted = countingRuns(sandbox);
      const result = await python(counted.sandbox, PROGRAMS.python3.ACCEPTED);
      expect(result.verdict).toBe('ACCEPTED');
      expect(counted.runs).toHaveLength(TESTS.length);
    }, 60_000);

    it('reports a syntax error as COMPILE_ERROR with the compiler message and no test', async (context) => {
      if (!sandbox) return context.skip(skipReason ?? 'sandbox not opened');
      const counted = countingRuns(sandbox);
      const result = await python(counted.sandbox, 'print("fine")\nif True print(2)\n');
      expect(result.verdict).toBe('COMPILE_ERROR');
      expect(result.compile).toMatchObject({ ok: false });
      expect(result.message).toMatch(/File "main\.py", line 2[\s\S]*SyntaxError/);
      expect(result.tests).toEqual([]);
      expect(result.skipped).toBe(TESTS.length);
      // The first test's start found the error; the second test never started.
      expect(counted.runs).toHaveLength(1);
    }, 60_000);

    it('runs the program as python3 main.py would: __main__, its argv and file, its own traceback', async (context) => {
      if (!sandbox) return context.skip(skipReason ?? 'sandbox not opened');
      const result = await grade(sandbox, {
        language: 'python3',
        source:
          'import sys, pickle\nclass Point: pass\npickle.loads(pickle.dumps(Point()))\n' +
          'print(__name__, __file__, sys.argv)\nraise KeyError("boom")\n',
        tests: [{ id: 'only', input: '', expected: '' }],
        limits: { timeMs: 1000, memoryMb: 64 },
        captureOutput: true,
      });
      expect(result.tests[0]?.output?.stdout.toString('utf8')).toBe("__main__ main.py ['main.py']\n");
      expect(result.verdict).toBe('RUNTIME_ERROR');
      expect(result.message).toMatch(
        /Traceback[^\n]*\n {2}File "main\.py", line 5, in <module>[\s\S]*KeyError/,
      );
      expect(result.message).not.toMatch(/<string>/);
    }, 60_000);

    it('charges sleeping against the wall limit and reports the wall time', async (context) => {
      if (!sandbox) return context.skip(skipReason ?? 'sandbox not opened');
      const result = await grade(sandbox, {
        language: 'python3',
        source: 'import time\ntime.sleep(3)\nprint(3)\n',
        tests: [{ id: 'only', input: '', expected: '3\n' }],
        limits: { timeMs: 1000, memoryMb: 64, wallMs: 1200 },
      });
      expect(result.verdict).toBe('TIME_LIMIT_EXCEEDED');
      expect(result.tests[0]?.cpuMs).toBeLessThan(1000);
      expect(result.maxWallMs).toBeGreaterThanOrEqual(1200);
      expect(result.maxWallMs).toBeLessThan(3000);
    }, 60_000);
  });
}
