import type { JobStatus, SubmissionTestResult, Verdict } from '@corazy/contracts';
import { useI18n } from '../i18n/i18n.js';
import { VerdictBadge } from '../ui/common.js';

export interface JudgeState {
  id: string;
  status: JobStatus;
  verdict: Verdict | null;
  testCount: number;
  tests: SubmissionTestResult[];
  compileOutput: string | null;
  message: string | null;
  timeMs: number | null;
  memoryKb: number | null;
}

/** Live per-test results: finished tests with their verdicts, the rest waiting. */
export function JudgeResult({ state }: { state: JudgeState }) {
  const { t } = useI18n();
  const passed = state.tests.filter((test) => test.verdict === 'ACCEPTED').length;
  // A final verdict (a compile error, a stop at the first failure) leaves no test waiting.
  const waiting = state.status === 'done' ? 0 : Math.max(0, state.testCount - state.tests.length);
  return (
    <section className="judge" aria-live="polite" data-testid="judge-result" data-status={state.status}>
      <h3>
        {t('challenge.result')}{' '}
        {state.status === 'done' ? (
          <VerdictBadge verdict={state.verdict} />
        ) : (
          <span className="badge pending">{t(`status.${state.status}`)}</span>
        )}
        <span className="muted small">
          {' '}
          {t('challenge.passed', { passed, total: state.testCount || state.tests.length })}
          {state.timeMs !== null && ` · ${state.timeMs} ms`}
          {state.memoryKb !== null && ` · ${Math.round(state.memoryKb / 1024)} MB`}
        </span>
      </h3>
      {state.message && state.status === 'done' && <p className="muted">{state.message}</p>}
      {state.compileOutput && (
        <details open={state.verdict === 'COMPILE_ERROR'}>
          <summary>{t('challenge.compileOutput')}</summary>
          <pre className="output">{state.compileOutput}</pre>
        </details>
      )}
      <ol className="tests">
        {state.tests.map((test) => (
          <li key={test.testId} className={test.verdict === 'ACCEPTED' ? 'ok' : 'bad'}>
            <span className="test-name">
              {test.testId} <small>({t(test.sample ? 'challenge.sample' : 'challenge.hidden')})</small>
            </span>
            <VerdictBadge verdict={test.verdict} />
            <span className="muted small">
              {test.timeMs} ms · {Math.round(test.memoryKb / 1024)} MB
            </span>
            {test.message && <pre className="output small">{test.message}</pre>}
          </li>
        ))}
        {Array.from({ length: waiting }, (_, index) => (
          <li key={`waiting-${index}`} className="waiting">
            <span className="test-name">#{state.tests.length + index + 1}</span>
            <span className="badge pending">{t('challenge.waiting')}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
