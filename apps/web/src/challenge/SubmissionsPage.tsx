import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SubmissionList, SubmissionView } from '@corazy/contracts';
import { api } from '../auth/auth.js';
import { followSubmission } from '../api/submissions.js';
import { useI18n } from '../i18n/i18n.js';
import { AsyncView, ErrorBox, LANGUAGE_NAMES, Loading, VerdictBadge, useAsync } from '../ui/common.js';
import { JudgeResult, type JudgeState } from './JudgeResult.js';
import { useEffect } from 'react';

const CodeEditor = lazy(() => import('../editor/CodeEditor.js'));

export function SubmissionsPage() {
  const { t, locale } = useI18n();
  const [state, retry, setState] = useAsync(
    (signal) => api.get<SubmissionList>('/api/submissions?mine=1&limit=20', { signal }),
    [],
  );
  const [moreError, setMoreError] = useState<unknown>(null);
  const more = async (page: SubmissionList) => {
    try {
      const next = await api.get<SubmissionList>(
        `/api/submissions?mine=1&limit=20&cursor=${encodeURIComponent(page.nextCursor!)}`,
      );
      setState({
        status: 'done',
        value: { items: [...page.items, ...next.items], nextCursor: next.nextCursor },
      });
    } catch (error) {
      setMoreError(error);
    }
  };
  return (
    <main className="page" id="main">
      <h1>{t('submissions.title')}</h1>
      <AsyncView state={state} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">
              {t('submissions.empty')} <Link to="/challenge">{t('nav.challenge')} →</Link>
            </p>
          ) : (
            <>
              <table className="table" data-testid="submissions">
                <thead>
                  <tr>
                    <th scope="col">{t('submissions.col.when')}</th>
                    <th scope="col">{t('submissions.col.problem')}</th>
                    <th scope="col">{t('submissions.col.language')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('submissions.col.mode')}
                    </th>
                    <th scope="col">{t('submissions.col.verdict')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('submissions.col.time')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <Link to={`/submissions/${item.id}`}>
                          {new Date(item.createdAt).toLocaleString(locale)}
                        </Link>
                      </td>
                      <td>
                        <Link to={`/challenge/${item.problem.slug}?lang=${item.language}`}>
                          {item.problem.title[locale]}
                        </Link>
                      </td>
                      <td>{LANGUAGE_NAMES[item.language]}</td>
                      <td className="hide-narrow">{t(`submissions.mode.${item.mode}`)}</td>
                      <td>
                        {item.status === 'done' ? (
                          <VerdictBadge verdict={item.verdict} />
                        ) : (
                          <span className="badge pending">{t(`status.${item.status}`)}</span>
                        )}
                      </td>
                      <td className="hide-narrow">{item.timeMs !== null ? `${item.timeMs} ms` : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {moreError !== null && <ErrorBox error={moreError} />}
              {page.nextCursor && (
                <button type="button" className="button" onClick={() => void more(page)}>
                  {t('common.more')}
                </button>
              )}
            </>
          )
        }
      </AsyncView>
    </main>
  );
}

export function SubmissionPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const [state, retry] = useAsync(
    (signal) => api.get<SubmissionView>(`/api/submissions/${id}`, { signal }),
    [id],
  );
  const [live, setLive] = useState<JudgeState | null>(null);
  const view = state.value;
  useEffect(() => {
    if (!view) return;
    setLive(view);
    if (view.status === 'done') return;
    const controller = new AbortController();
    followSubmission(
      api,
      view.id,
      {
        test: (test) =>
          setLive(
            (old) =>
              old && {
                ...old,
                status: 'judging',
                tests: old.tests.some((s) => s.testId === test.testId) ? old.tests : [...old.tests, test],
              },
          ),
        final: (final) => setLive(final),
      },
      controller.signal,
    ).catch(() => undefined);
    return () => controller.abort();
  }, [view]);
  return (
    <main className="page" id="main">
      <p className="muted small">
        <Link to="/submissions">← {t('submissions.title')}</Link>
      </p>
      <AsyncView state={state} retry={retry}>
        {(submission) => (
          <>
            <h1>
              <Link to={`/challenge/${submission.problem.slug}?lang=${submission.language}`}>
                {submission.problem.title[locale]}
              </Link>{' '}
              <span className="muted small">
                {LANGUAGE_NAMES[submission.language]} · {t(`submissions.mode.${submission.mode}`)} ·{' '}
                {new Date(submission.createdAt).toLocaleString(locale)}
              </span>
            </h1>
            {live && <JudgeResult state={live} />}
            <h2>{t('submissions.source')}</h2>
            <div className="editor-frame short">
              <Suspense fallback={<Loading />}>
                <CodeEditor
                  language={submission.language}
                  value={submission.source ?? ''}
                  readOnly
                  label={t('submissions.source')}
                />
              </Suspense>
            </div>
          </>
        )}
      </AsyncView>
    </main>
  );
}
