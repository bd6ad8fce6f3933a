import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type {
  JobAccepted,
  Language,
  ProblemDetail,
  RunResult,
  SubmissionList,
  SubmissionMode,
} from '@corazy/contracts';
import { api } from '../auth/auth.js';
import { followSubmission } from '../api/submissions.js';
import { useI18n } from '../i18n/i18n.js';
import { AsyncView, ErrorBox, LANGUAGE_NAMES, Loading, VerdictBadge, useAsync } from '../ui/common.js';
import { Markdown } from '../ui/Markdown.js';
import { JudgeResult, type JudgeState } from './JudgeResult.js';
import { DifficultyBadge } from './ProblemListPage.js';

const CodeEditor = lazy(() => import('../editor/CodeEditor.js'));

const draftKey = (slug: string, language: Language) => `corazy.draft.${slug}.${language}`;

export function ProblemPage() {
  const { slug = '' } = useParams();
  const [state, retry] = useAsync(
    (signal) => api.get<ProblemDetail>(`/api/problems/${encodeURIComponent(slug)}`, { signal }),
    [slug],
  );
  return (
    <main className="page wide" id="main">
      <AsyncView state={state} retry={retry}>
        {(problem) => <Problem problem={problem} />}
      </AsyncView>
    </main>
  );
}

function Problem({ problem }: { problem: ProblemDetail }) {
  const { t, locale } = useI18n();
  const texts = problem.texts[locale];
  const [params, setParams] = useSearchParams();
  const wanted = params.get('lang') as Language | null;
  const language: Language = wanted && problem.languages.includes(wanted) ? wanted : problem.languages[0]!;
  const starter = problem.starterCode[language] ?? '';
  const [code, setCode] = useState(() => localStorage.getItem(draftKey(problem.slug, language)) ?? starter);
  const [stdin, setStdin] = useState(problem.samples[0]?.input ?? '');
  const [run, setRun] = useState<RunResult | null>(null);
  const [judge, setJudge] = useState<JudgeState | null>(null);
  const [busy, setBusy] = useState<'run' | 'judge' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const judgementId = judge?.id;
  useEffect(() => {
    // The result appears below the editor, under the fold of a laptop's screen: bring it into view.
    if (judgementId) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [judgementId]);

  useEffect(() => {
    setCode(localStorage.getItem(draftKey(problem.slug, language)) ?? starter);
  }, [problem.slug, language, starter]);
  useEffect(() => () => abort.current?.abort(), []);

  const edit = (value: string) => {
    setCode(value);
    localStorage.setItem(draftKey(problem.slug, language), value);
  };

  const doRun = async () => {
    setBusy('run');
    setError(null);
    setRun(null);
    try {
      const { id } = await api.post<JobAccepted>('/api/runs', { language, source: code, stdin });
      let result = await api.get<RunResult>(`/api/runs/${id}?wait=25`);
      while (result.status !== 'done') result = await api.get<RunResult>(`/api/runs/${id}?wait=25`);
      setRun(result);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const doJudge = async (mode: SubmissionMode) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setBusy('judge');
    setError(null);
    setJudge(null);
    try {
      const { id } = await api.post<JobAccepted>('/api/submissions', {
        problem: problem.slug,
        language,
        source: code,
        mode,
      });
      setJudge({
        id,
        status: 'queued',
        verdict: null,
        testCount: 0,
        tests: [],
        compileOutput: null,
        message: null,
        timeMs: null,
        memoryKb: null,
      });
      await followSubmission(
        api,
        id,
        {
          snapshot: (view) => setJudge((old) => ({ ...view, tests: old?.tests ?? [] })),
          compile: (result) =>
            setJudge((old) => old && { ...old, compileOutput: result.output || old.compileOutput }),
          test: (test) =>
            setJudge(
              (old) =>
                old && {
                  ...old,
                  status: 'judging',
                  tests: old.tests.some((seen) => seen.testId === test.testId)
                    ? old.tests
                    : [...old.tests, test],
                },
            ),
          final: (view) => setJudge(view),
        },
        controller.signal,
      );
      setHistoryVersion((n) => n + 1);
    } catch (caught) {
      if (!controller.signal.aborted) setError(caught);
    } finally {
      if (!controller.signal.aborted) setBusy(null);
    }
  };

  return (
    <div className="problem-layout">
      <article className="statement" aria-labelledby="problem-title">
        <p className="muted small">
          <Link to="/challenge">← {t('challenge.title')}</Link>
        </p>
        <h1 id="problem-title">
          {problem.number}. {texts.title} <DifficultyBadge difficulty={problem.difficulty} />
        </h1>
        <p className="muted small">
          {t('challenge.limits', { time: problem.timeLimitMs, memory: problem.memoryLimitMb })} ·{' '}
          {t('challenge.hiddenTests', { count: problem.hiddenTestCount })}
        </p>
        <section>
          <h2>{t('challenge.statement')}</h2>
          <Markdown source={texts.statement} />
        </section>
        <section>
          <h2>{t('challenge.input')}</h2>
          <Markdown source={texts.input} />
        </section>
        <section>
          <h2>{t('challenge.output')}</h2>
          <Markdown source={texts.output} />
        </section>
        <section>
          <h2>{t('challenge.samples')}</h2>
          {problem.samples.map((sample, index) => (
            <div className="sample" key={sample.id}>
              <div>
                <h3>{t('challenge.sampleInput', { n: index + 1 })}</h3>
                <pre className="output">{sample.input}</pre>
              </div>
              <div>
                <h3>{t('challenge.sampleOutput', { n: index + 1 })}</h3>
                <pre className="output">{sample.output}</pre>
              </div>
            </div>
          ))}
        </section>
      </article>
      <section className="workbench" aria-label={t('challenge.editor')}>
        <div className="toolbar">
          <label>
            {t('challenge.language')}{' '}
            <select
              value={language}
              onChange={(event) => setParams({ lang: event.target.value }, { replace: true })}
            >
              {problem.languages.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button ghost small" onClick={() => edit(starter)}>
            {t('challenge.resetCode')}
          </button>
        </div>
        <div className="editor-frame">
          <Suspense fallback={<Loading />}>
            <CodeEditor language={language} value={code} onChange={edit} label={t('challenge.editor')} />
          </Suspense>
        </div>
        <div className="actions">
          <button type="button" className="button" disabled={busy !== null} onClick={() => void doRun()}>
            {busy === 'run' ? t('challenge.running') : t('challenge.run')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void doJudge('sample')}
          >
            {t('challenge.runSamples')}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={busy !== null}
            onClick={() => void doJudge('full')}
          >
            {busy === 'judge' ? t('challenge.submitting') : t('challenge.submit')}
          </button>
        </div>
        <details className="custom-input" open>
          <summary>{t('challenge.customInput')}</summary>
          <label htmlFor="stdin" className="visually-hidden">
            {t('challenge.customInput')}
          </label>
          <textarea
            id="stdin"
            rows={3}
            value={stdin}
            onChange={(event) => setStdin(event.target.value)}
            spellCheck={false}
          />
        </details>
        {error !== null && <ErrorBox error={error} />}
        {run && <RunOutput run={run} />}
        <div ref={outcome}>{judge && <JudgeResult state={judge} />}</div>
        <History slug={problem.slug} version={historyVersion} />
      </section>
    </div>
  );
}

function RunOutput({ run }: { run: RunResult }) {
  const { t } = useI18n();
  return (
    <section className="run-output" aria-live="polite" data-testid="run-output">
      <h3>
        {t('challenge.stdout')} {/* A run has no expected output: it finished, it did not pass. */}
        {run.verdict === 'ACCEPTED' ? (
          <span className="badge verdict-ok">{t('challenge.runFinished')}</span>
        ) : (
          <VerdictBadge verdict={run.verdict} />
        )}
        <span className="muted small">
          {' '}
          {run.exitCode !== null && t('challenge.exitCode', { code: run.exitCode })}
          {run.timeMs !== null && ` · ${run.timeMs} ms`}
        </span>
      </h3>
      {run.compileOutput && <pre className="output">{run.compileOutput}</pre>}
      <pre className="output" data-testid="run-stdout">
        {run.stdout ?? ''}
      </pre>
      {run.stderr && (
        <>
          <h4>{t('challenge.stderr')}</h4>
          <pre className="output">{run.stderr}</pre>
        </>
      )}
      {(run.stdoutBase64 !== null || run.stderrBase64 !== null) && (
        <p className="muted small" data-testid="binary-output">
          {t('challenge.binaryOutput')}
        </p>
      )}
      {run.message && <p className="muted">{run.message}</p>}
    </section>
  );
}

function History({ slug, version }: { slug: string; version: number }) {
  const { t } = useI18n();
  const [state, retry] = useAsync(
    (signal) =>
      api.get<SubmissionList>(`/api/submissions?mine=1&problem=${encodeURIComponent(slug)}&limit=10`, {
        signal,
      }),
    [slug, version],
  );
  return (
    <section>
      <h3>{t('challenge.history')}</h3>
      <AsyncView state={state} retry={retry}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="muted">{t('submissions.empty')}</p>
          ) : (
            <ul className="history">
              {list.items.map((item) => (
                <li key={item.id}>
                  <Link to={`/submissions/${item.id}`}>{new Date(item.createdAt).toLocaleString()}</Link>{' '}
                  <span className="muted small">
                    {LANGUAGE_NAMES[item.language]} · {t(`submissions.mode.${item.mode}`)}
                  </span>{' '}
                  {item.status === 'done' ? (
                    <VerdictBadge verdict={item.verdict} />
                  ) : (
                    <span className="badge pending">{t(`status.${item.status}`)}</span>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </AsyncView>
    </section>
  );
}
