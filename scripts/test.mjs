// `npm test`: type-checks, lints, checks formatting, then runs every test (unit, integration against the real PostgreSQL,
// Redis and RabbitMQ, end to end). Extra arguments go to vitest, e.g. `npm test -- services/auth`.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { buildWebApp, ensureDependencies, root, run } from './lib.mjs';

const bin = (name) => `${root}/node_modules/.bin/${name}`;
const filters = process.argv.slice(2);

ensureDependencies();
if (filters.length === 0) {
  console.log('→ type-checking…');
  run('npm', ['run', '--silent', 'typecheck']);
  console.log('→ linting…');
  run('npm', ['run', '--silent', 'lint']);
  console.log('→ checking formatting…');
  run('npm', ['run', '--silent', 'format:check']);
}
// The platform and browser tests serve the built web app.
buildWebApp();
console.log('→ testing…');
const report = `${root}/test-results/vitest.json`;
const tests = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
try {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    readFileSync(report, 'utf8'),
  );
  // The plain summary line that CI reads, whatever the runner.
  console.log(
    `\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`,
  );
} catch {
  console.log('\n0 passed, 1 failed (no test report was written)');
}
process.exit(tests.status ?? 1);
