import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { GameRecord } from '@corazy/contracts';
import { api } from '../auth/auth.js';
import { baseExtensions } from '../editor/CodeEditor.js';
import { languageSupport } from '../editor/languages.js';
import { presence, setPresence, type PresenceMark } from '../editor/presence.js';
import { useI18n } from '../i18n/i18n.js';
import { AsyncView, LANGUAGE_NAMES, formatTime, playerFigures, useAsync } from '../ui/common.js';
import { ReplayTimeline } from './timeline.js';

const SPEEDS = [1, 2, 4, 8] as const;
type Speed = (typeof SPEEDS)[number];
/** Playback advances in steps this long (ms of wall time). */
const FRAME_MS = 50;
/** A forward jump of at most this many operations is applied step by step; a longer one is rebuilt. */
const STEP_LIMIT = 400;

/** A finished relay game played back keystroke by keystroke (lazy-loaded with CodeMirror). */
export default function ReplayPage() {
  const { gameId = '' } = useParams();
  const [state, retry] = useAsync(
    (signal) => api.get<GameRecord>(`/api/relay/games/${gameId}/replay`, { signal }),
    [gameId],
  );
  return (
    <main className="page wide" id="main">
      <AsyncView state={state} retry={retry}>
        {(record) => <ReplayPlayer record={record} />}
      </AsyncView>
    </main>
  );
}

function ReplayPlayer({ record }: { record: GameRecord }) {
  const { t, locale } = useI18n();
  const timeline = useMemo(() => new ReplayTimeline(record), [record]);
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const nickname = (userId: string) => record.players.find((p) => p.userId === userId)?.nickname ?? '?';

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(
      () => setPosition((p) => Math.min(timeline.duration, p + FRAME_MS * speed)),
      FRAME_MS,
    );
    return () => clearInterval(timer);
  }, [playing, speed, timeline]);
  useEffect(() => {
    if (position >= timeline.duration) setPlaying(false);
  }, [position, timeline]);

  const version = timeline.versionAt(position);
  const turn = timeline.turnAt(position);
  const lastOp = version > 0 ? timeline.operations[version - 1]! : null;
  // The typist's cursor, while the turn in which they typed lasts.
  const cursor: PresenceMark | null =
    lastOp?.cursor && turn?.userId === lastOp.userId
      ? { kind: 'cursor', pos: lastOp.cursor.head, label: nickname(lastOp.userId), key: lastOp.userId }
      : null;
  const atEnd = position >= timeline.duration;

  return (
    <div className="replay">
      <header className="room-head">
        <div>
          <h1>
            {t('replay.title')}: {record.problem.title[locale]}
          </h1>
          <p className="muted small">
            {LANGUAGE_NAMES[record.language]} · {t(`room.outcome.${record.outcome}`)} ·{' '}
            {record.players.map((p) => p.nickname).join(', ')} ·{' '}
            {new Date(record.endedAt).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-US')}
          </p>
        </div>
        <Link className="button ghost" to="/profile">
          {t('nav.profile')}
        </Link>
      </header>
      <div className="replay-controls card" role="group" aria-label={t('replay.controls')}>
        <button
          type="button"
          className="button primary"
          data-testid="replay-play"
          onClick={() => {
            if (atEnd) setPosition(0);
            setPlaying((p) => !p || atEnd);
          }}
        >
          {playing ? `❚❚ ${t('replay.pause')}` : `▶ ${t(atEnd ? 'replay.again' : 'replay.play')}`}
        </button>
        <div className="segmented" role="group" aria-label={t('replay.speed')}>
          {SPEEDS.map((s) => (
            <button key={s} type="button" aria-pressed={speed === s} onClick={() => setSpeed(s)}>
              {s}×
            </button>
          ))}
        </div>
        <label className="replay-scrub">
          <span className="visually-hidden">{t('replay.timeline')}</span>
          <input
            type="range"
            min={0}
            max={timeline.duration}
            step={100}
            value={position}
            aria-valuetext={`${formatTime(position)} / ${formatTime(timeline.duration)}`}
            data-testid="replay-timeline"
            onChange={(event) => setPosition(Number(event.target.value))}
          />
        </label>
        <span className="timer" data-testid="replay-time">
          {formatTime(position)} / {formatTime(timeline.duration)}
        </span>
      </div>
      <div className="room-grid">
        <div className="room-main">
          <div className="turn-banner" role="status" data-testid="replay-turn">
            <strong>
              {turn
                ? t('replay.turn', { number: turn.number, nickname: nickname(turn.userId) })
                : t('replay.before')}
            </strong>
            <span className="muted small">
              {lastOp ? t('replay.lastTyped', { nickname: nickname(lastOp.userId) }) : ''}{' '}
              {t('replay.version', { version, total: timeline.versions })}
            </span>
          </div>
          <div className="editor-frame">
            <ReplayEditor
              record={record}
              timeline={timeline}
              version={version}
              cursor={cursor}
              label={t('replay.code')}
            />
          </div>
        </div>
        <aside className="side">
          <section className="card" aria-labelledby="replay-events">
            <h2 id="replay-events">{t('replay.events')}</h2>
            <ol className="replay-events">
              {timeline.turns.map((item) => {
                const at = Math.max(0, item.startedAt - record.startedAt);
                return (
                  <li key={item.number} className={turn?.number === item.number ? 'current' : ''}>
                    <button type="button" className="link-button" onClick={() => setPosition(at)}>
                      <span className="timer">{formatTime(at)}</span>{' '}
                      {t('replay.turn', { number: item.number, nickname: nickname(item.userId) })}
                    </button>
                  </li>
                );
              })}
              <li>
                <button type="button" className="link-button" onClick={() => setPosition(timeline.duration)}>
                  <span className="timer">{formatTime(timeline.duration)}</span> {t('room.result')}:{' '}
                  {t(`room.outcome.${record.outcome}`)}
                </button>
              </li>
            </ol>
          </section>
          <section className="card" aria-labelledby="replay-players">
            <h2 id="replay-players">{t('replay.players')}</h2>
            <ul className="players replay-players">
              {record.players.map((player) => {
                const change = record.ratingChanges.find((c) => c.userId === player.userId);
                return (
                  <li key={player.userId}>
                    <Link to={`/profile/${player.userId}`}>{player.nickname}</Link>
                    <span className="muted small">
                      {playerFigures(t, player)}
                      {change &&
                        ` · ${t('profile.ratingChange', { before: Math.round(change.before), after: Math.round(change.after) })}`}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}

/** A read-only editor that shows the document at `version`, stepping forward or rebuilding from a checkpoint. */
function ReplayEditor({
  record,
  timeline,
  version,
  cursor,
  label,
}: {
  record: GameRecord;
  timeline: ReplayTimeline;
  version: number;
  cursor: PresenceMark | null;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const shown = useRef(0);

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: timeline.docAt(0),
        extensions: [
          baseExtensions(label),
          languageSupport(record.language),
          presence(),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
        ],
      }),
    });
    view.current = editor;
    shown.current = 0;
    return () => editor.destroy();
    // One editor per game; `version` and `cursor` are applied by the effect below.
  }, [timeline]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const from = shown.current;
    const stepping = version > from && version - from <= STEP_LIMIT;
    const changes = stepping
      ? timeline.changesBetween(from, version).reduce((all, next) => all.compose(next))
      : version !== from
        ? { from: 0, to: editor.state.doc.length, insert: timeline.docAt(version) }
        : undefined;
    shown.current = version;
    editor.dispatch({ changes, effects: setPresence.of(cursor ? [cursor] : []) });
  }, [timeline, version, cursor?.pos, cursor?.label]);

  return <div className="code-editor" ref={host} data-testid="replay-editor" />;
}
