import { Component, useCallback, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { MAX_PLAUSIBLE_CPM, type PlayerStats, type Verdict } from '@corazy/contracts';
import { describeError, useI18n, type Translate } from '../i18n/i18n.js';

/** A clear message for any failure: the code's text in the UI language and the server's words. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { locale, t } = useI18n();
  const { title, detail } = describeError(locale, error);
  return (
    <div className="error-box" role="alert">
      <strong>{title}</strong>
      {detail && <span className="error-detail">{detail}</span>}
      {onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export type AsyncState<T> =
  | { status: 'loading'; value?: undefined; error?: undefined }
  | { status: 'done'; value: T; error?: undefined }
  | { status: 'error'; value?: undefined; error: unknown };

/** Runs `load` whenever `deps` change; ignores answers that arrive after a newer load started. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    run(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: 'done', value }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', error }),
    );
    return () => controller.abort();
  }, [run, attempt]);
  return [state, () => setAttempt((n) => n + 1), setState] as const;
}

export function AsyncView<T>({
  state,
  retry,
  children,
}: {
  state: AsyncState<T>;
  retry: () => void;
  children: (value: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorBox error={state.error} onRetry={retry} />;
  return <>{children(state.value)}</>;
}

export function VerdictBadge({ verdict }: { verdict: Verdict | null | undefined }) {
  const { t } = useI18n();
  if (!verdict) return <span className="badge pending">{t('status.judging')}</span>;
  return (
    <span className={`badge verdict-${verdict === 'ACCEPTED' ? 'ok' : 'bad'}`}>
      {t(`verdict.${verdict}`)}
    </span>
  );
}

interface BoundaryState {
  error: unknown;
}

/** Never a blank screen: a render error shows what happened and a way out. */
export class ErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };
  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (this.state.error) return <CrashScreen error={this.state.error} />;
    return this.props.children;
  }
}

function CrashScreen({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <main className="page narrow">
      <h1>{t('error.title')}</h1>
      <ErrorBox error={error} onRetry={() => window.location.reload()} />
      <p>
        <a href="/">{t('error.goHome')}</a>
      </p>
    </main>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <main className="page narrow" id="main">
      <h1>{t('error.notFound')}</h1>
      <Link to="/">{t('error.goHome')}</Link>
    </main>
  );
}

/** A relay player's figures; a speed over dictation's limit was pasted, not typed, and is not shown as one. */
export const playerFigures = (t: Translate, player: PlayerStats) =>
  t(player.cpm > MAX_PLAUSIBLE_CPM ? 'room.stats.pasted' : 'room.stats.typed', {
    typed: player.typed,
    surviving: player.surviving,
    cpm: Math.round(player.cpm),
  });

export const formatTime = (ms: number) => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
};

export const LANGUAGES = ['python', 'java', 'c', 'cpp', 'javascript'] as const;
export const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = {
  python: 'Python',
  java: 'Java',
  c: 'C',
  cpp: 'C++',
  javascript: 'JavaScript',
};
