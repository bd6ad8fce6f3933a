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
