import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Dictation, DictationList, DictationResult, Language } from '@corazy/contracts';
import { api } from '../auth/auth.js';
import { useI18n } from '../i18n/i18n.js';
import {
  AsyncView,
  ErrorBox,
  LANGUAGES,
  LANGUAGE_NAMES,
  Loading,
  formatTime,
  useAsync,
} from '../ui/common.js';
import { accuracy, finalScore, liveCpm, press, startRun, type DictationRun } from './engine.js';

export function DictationPickerPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const language = (LANGUAGES as readonly string[]).includes(params.get('lang') ?? '')
    ? (params.get('lang') as Language)
    : 'python';
  const [state, retry] = useAsync(
    (signal) => api.get<DictationList>(`/api/dictations?language=${language}`, { signal }),
    [language],
  );
  return (
    <main className="page" id="main">
      <h1>{t('dictation.title')}</h1>
      <p className="muted">{t('dictation.pick')}</p>
      <div className="segmented wrap" role="group" aria-label={t('challenge.language')}>
        {LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            aria-pressed={l === language}
            onClick={() => setParams({ lang: l }, { replace: true })}
          >
            {LANGUAGE_NAMES[l]}
          </button>
        ))}
      </div>
      <AsyncView state={state} retry={retry}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="empty">{t('dictation.empty')}</p>
          ) : (
            <ul className="card-grid" aria-label={t('dictation.title')}>
              {list.items.map((item) => (
                <li key={item.id}>
                  <Link className="card link-card" to={`/dictation/${item.id}`}>
                    <strong>{item.title[locale]}</strong>
                    <span className="muted small">
                      {LANGUAGE_NAMES[item.language]} · {t('dictation.lines', { count: item.lineCount })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </AsyncView>
    </main>
  );
}

export function DictationPage() {
  const { id = '' } = useParams();
  const [state, retry] = useAsync((signal) => api.get<Dictation>(`/api/dictations/${id}`, { signal }), [id]);
  const [round, setRound] = useState(0);
  return (
    <main className="page" id="main">
      <AsyncView state={state} retry={retry}>
        {(dictation) => <Typing key={round} dictation={dictation} again={() => setRound((n) => n + 1)} />}
      </AsyncView>
    </main>
  );
}

const BLOCKED = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Delete',
  'Insert',
  'F12',
]);

function Typing({ dictation, again }: { dictation: Dictation; again: () => void }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [run, setRun] = useState<DictationRun>(() => startRun(dictation.code));
  const [now, setNow] = useState(() => performance.now());
  const [shake, setShake] = useState(false);
  const [imeHint, setImeHint] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const current = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (run.startedAt === null || run.finished) return;
    const timer = setInterval(() => setNow(performance.now()), 200);
    return () => clearInterval(timer);
  }, [run.startedAt, run.finished]);

  useEffect(() => {
    input.current?.focus();
    current.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [run.line]);

  useEffect(() => {
    // The caret stays at the end of the line.
    const element = input.current;
    if (element) element.setSelectionRange(run.typed.length, run.typed.length);
  }, [run.typed]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key;
    if (key === 'Tab' || key === 'Escape') return; // leaving the field stays possible
    if (event.nativeEvent.isComposing || key === 'Process') {
      event.preventDefault();
      setImeHint(true);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) {
      // copy, cut, paste, undo, redo, select-all, find…: off. Browser shortcuts without a letter pass.
      if (key.length === 1 || key === 'Backspace') event.preventDefault();
      return;
    }
    if (BLOCKED.has(key)) {
      event.preventDefault();
      return;
    }
    if (key === 'Backspace' || key === 'Enter' || [...key].length === 1) {
      event.preventDefault();
      setImeHint(false);
      const clock = performance.now();
      const [next, outcome] = press(run, key, clock);
      setRun(next);
      setNow(clock);
      if (outcome === 'mismatch' || outcome === 'overflow') {
        setShake(true);
        setTimeout(() => setShake(false), 300);
      }
    }
  };
  const block = (event: { preventDefault(): void }) => event.preventDefault();

  if (run.finished) return <DictationDone dictation={dictation} run={run} again={again} />;

  const progress = run.lines.length ? run.line / run.lines.length : 0;
  return (
    <div className="dictation">
      <header className="dictation-head">
        <div>
          <h1>{dictation.title[locale]}</h1>
          <p className="muted small">
            {LANGUAGE_NAMES[dictation.language]} · {t('dictation.help')}
          </p>
        </div>
        <dl className="stats" aria-live="off">
          <div>
            <dt>{t('dictation.cpm')}</dt>
            <dd data-testid="live-cpm">{liveCpm(run, now)}</dd>
          </div>
          <div>
            <dt>{t('dictation.accuracy')}</dt>
            <dd data-testid="live-accuracy">{accuracy(run).toFixed(1)}%</dd>
          </div>
          <div>
            <dt>{t('dictation.progress')}</dt>
            <dd>
              {run.line}/{run.lines.length}
            </dd>
          </div>
          <div>
            <dt>{t('dictation.time')}</dt>
            <dd>{formatTime(run.startedAt === null ? 0 : now - run.startedAt)}</dd>
          </div>
        </dl>
      </header>
      <progress className="progress" value={progress} max={1} aria-label={t('dictation.progress')} />
      {imeHint && (
        <p className="error-box" role="alert">
          {t('dictation.ime')}
        </p>
      )}
      <div
        className="dictation-lines"
        aria-label={t('dictation.reference')}
        onClick={() => input.current?.focus()}
      >
        {run.lines.map((reference, index) => {
          const done = index < run.line;
          const active = index === run.line;
          return (
            <div
              key={index}
              className={`dline${active ? ' active' : ''}${done ? ' done' : ''}`}
              ref={active ? current : undefined}
            >
              <pre className="dref" aria-hidden={!active}>
                {active ? <Colored reference={reference} typed={run.typed} /> : reference || ' '}
              </pre>
              {active ? (
                <div className={`dtyping${shake ? ' shake' : ''}`}>
                  <pre className="dtyped" aria-hidden="true">
                    {[...run.typed].map((char, n) => (
                      <span key={n} className={char === reference[n] ? 'ok' : 'bad'}>
                        {char}
                      </span>
                    ))}
                  </pre>
                  <input
                    ref={input}
                    className="dinput"
                    value={run.typed}
                    onChange={() => undefined}
                    onKeyDown={onKeyDown}
                    onPaste={block}
                    onCut={block}
                    onCopy={block}
                    onDrop={block}
                    onContextMenu={block}
                    autoComplete="off"
                    autoCorrect="off"
                    autoCapitalize="off"
                    spellCheck={false}
                    aria-label={`${t('dictation.typing', { n: index + 1 })}: ${reference}`}
                    data-testid="dictation-input"
                  />
                </div>
              ) : done ? (
                <pre className="dtyped done">{reference || ' '}</pre>
              ) : null}
            </div>
          );
        })}
      </div>
      {shake && (
        <p className="visually-hidden" role="status">
          {t('dictation.mismatch')}
        </p>
      )}
      <details>
        <summary>{t('dictation.explanation')}</summary>
        <p>{dictation.explanation[locale]}</p>
      </details>
      <button
        type="button"
        className="button ghost"
        onClick={() => void navigate(`/dictation?lang=${dictation.language}`)}
      >
        {t('dictation.other')}
      </button>
    </div>
  );
}

/** The reference line: matched characters green, wrong ones red, the rest as ghost text. */
function Colored({ reference, typed }: { reference: string; typed: string }) {
  return (
    <>
      {[...reference].map((char, n) => (
        <span key={n} className={n >= typed.length ? 'ghost' : typed[n] === char ? 'ok' : 'bad'}>
          {char}
        </span>
      ))}
      {reference === '' && ' '}
    </>
  );
}

function DictationDone({
  dictation,
  run,
  again,
}: {
  dictation: Dictation;
  run: DictationRun;
  again: () => void;
}) {
  const { t, locale } = useI18n();
  const score = finalScore(run);
  const [server, setServer] = useState<
    { status: 'pending' } | { status: 'ok'; result: DictationResult } | { status: 'failed'; error: unknown }
  >({
    status: 'pending',
  });
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    api
      .post<DictationResult>('/api/relay/dictation-results', {
        dictationId: dictation.id,
        keystrokes: run.keystrokes,
        cpm: score.cpm,
        accuracy: score.accuracy,
      })
      .then(
        (result) => setServer({ status: 'ok', result }),
        (error: unknown) => setServer({ status: 'failed', error }),
      );
  }, [dictation.id, run.keystrokes, score.cpm, score.accuracy]);
  return (
    <section className="dictation-done card" aria-labelledby="done-title" data-testid="dictation-result">
      <h1 id="done-title">
        {t('dictation.done')} <span className="muted">{dictation.title[locale]}</span>
      </h1>
      <dl className="stats big">
        <div>
          <dt>{t('dictation.cpm')}</dt>
          <dd data-testid="final-cpm">{score.cpm}</dd>
        </div>
        <div>
          <dt>{t('dictation.accuracy')}</dt>
          <dd>{score.accuracy.toFixed(1)}%</dd>
        </div>
        <div>
          <dt>{t('dictation.time')}</dt>
          <dd>
            {formatTime(score.durationMs)}.
            {String(Math.floor((score.durationMs % 1000) / 10)).padStart(2, '0')}
          </dd>
        </div>
      </dl>
      {server.status === 'pending' && <Loading label={t('dictation.verifying')} />}
      {server.status === 'ok' && (
        <p className="success" data-testid="dictation-verified">
          {t('dictation.verified', { best: server.result.best, rank: server.result.rank })}
        </p>
      )}
      {server.status === 'failed' && <ErrorBox error={server.error} />}
      <div className="actions">
        <button type="button" className="button primary" onClick={again}>
          {t('dictation.again')}
        </button>
        <Link className="button" to={`/dictation?lang=${dictation.language}`}>
          {t('dictation.other')}
        </Link>
      </div>
    </section>
  );
}
