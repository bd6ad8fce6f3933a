// Grades "a + b" in each of the five languages with the sandbox the worker image would use: proves the
// image's toolchains, the static helper and the container's privileges together. Run inside the worker image:
//   docker run … -v $PWD/deploy/ci/worker-selftest.mjs:/app/services/compile-worker/selftest.mjs:ro \
//     corazy/compile-worker:<tag> selftest.mjs [namespace|docker]
import { createSandbox, grade } from '@corazy/sandbox';

const sources = {
  python3: 'a, b = map(int, input().split())\nprint(a + b)\n',
  java: 'import java.util.*;\npublic class Main { public static void main(String[] x) { Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }\n',
  c: '#include <stdio.h>\nint main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 1; printf("%ld\\n", a + b); return 0; }\n',
  cpp: '#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n',
  javascript:
    'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
};
const tests = [
  { id: '1', input: '1 2\n', expected: '3\n' },
  { id: '2', input: '40 2\n', expected: '42\n' },
];

const sandbox = await createSandbox(process.argv[2] ?? 'namespace', { namespace: { concurrency: 1 } });
let failed = 0;
for (const [language, source] of Object.entries(sources)) {
  const started = Date.now();
  const result = await grade(sandbox, { language, source, tests, limits: { timeMs: 5000, memoryMb: 256 } });
  const ok = result.verdict === 'ACCEPTED';
  if (!ok) failed += 1;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${language.padEnd(10)} ${result.verdict} in ${Date.now() - started} ms` +
      (ok ? '' : ` ${JSON.stringify(result).slice(0, 600)}`),
  );
}
// A CPU loop must be stopped by the limit: this needs the kill path (CAP_KILL over the sandbox uids, the cgroup).
{
  const started = Date.now();
  const result = await grade(sandbox, {
    language: 'python3',
    source: 'while True:\n    pass\n',
    tests: [tests[0]],
    limits: { timeMs: 500, memoryMb: 64 },
  });
  const ok = result.verdict === 'TIME_LIMIT_EXCEEDED';
  if (!ok) failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} cpu-loop   ${result.verdict} in ${Date.now() - started} ms`);
}
await sandbox.close();
console.log(`${Object.keys(sources).length + 1 - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
