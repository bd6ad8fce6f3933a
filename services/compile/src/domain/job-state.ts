import type { GradingEvent, GradingFinal, TestOutcome } from '@corazy/contracts';
import type { JobRecord } from './ports.js';

/**
 * How a grading event changes what is known of a job, in memory. The SQL adapter applies the same
 * rules when storing: the first final wins, and its tests replace those seen in progress (which may
 * come from an earlier, interrupted attempt); progress only adds tests not yet known, and nothing
 * once the job is done.
 */
export function applyEvent(record: JobRecord, event: GradingEvent): JobRecord {
  if (record.status === 'done' || event.jobId !== record.id) return record;
  if (event.type === 'progress') {
    const tests = new Map(record.tests);
    for (const test of event.tests) if (!tests.has(test.testId)) tests.set(test.testId, test);
    return {
      ...record,
      status: 'judging',
      compile: record.compile ?? event.compiled ?? null,
      tests,
    };
  }
  return applyFinal(record, event);
}

function applyFinal(record: JobRecord, final: GradingFinal): JobRecord {
  return {
    ...record,
    status: 'done',
    verdict: final.verdict,
    compile: compileOf(final) ?? record.compile,
    tests: new Map([
      ...record.tests,
      ...final.tests.map((test): [string, TestOutcome] => [test.testId, test]),
    ]),
    runOutput: final.run ?? null,
    timeMs: final.timeMs,
    memoryKb: final.memoryKb,
    message: final.message ?? null,
    finishedAt: final.finishedAt,
  };
}

/** What a final says of compilation: known when it has compiler output or failed to compile. */
export function compileOf(final: GradingFinal): { ok: boolean; output: string } | undefined {
  if (final.compileOutput === null && final.verdict !== 'COMPILE_ERROR') return undefined;
  return { ok: final.verdict !== 'COMPILE_ERROR', output: final.compileOutput ?? '' };
}

/**
 * Combines what a follower already knew with a fresh read of the store: the store may be ahead (a
 * final stored by another replica whose event this process missed) or behind (events seen live
 * that the consumer has not stored yet). Nothing known is ever forgotten.
 */
export function mergeRecords(known: JobRecord, stored: JobRecord): JobRecord {
  if (known.status === 'done') return known;
  if (stored.status === 'done') return stored;
  const tests = new Map(stored.tests);
  for (const [id, test] of known.tests) if (!tests.has(id)) tests.set(id, test);
  return {
    ...known,
    status: known.status === 'judging' || stored.status === 'judging' ? 'judging' : 'queued',
    compile: known.compile ?? stored.compile,
    tests,
  };
}
