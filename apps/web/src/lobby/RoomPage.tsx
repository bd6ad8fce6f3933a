import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { GameResult, ProblemDetail, Reaction, RoomView } from '@corazy/contracts';
import { api, useAuth } from '../auth/auth.js';
import { useI18n } from '../i18n/i18n.js';
import { JudgeResult } from '../challenge/JudgeResult.js';
import { DifficultyBadge } from '../challenge/ProblemListPage.js';
import { ErrorBox, LANGUAGE_NAMES, Loading, VerdictBadge, formatTime, playerFigures } from '../ui/common.js';
import { Markdown } from '../ui/Markdown.js';
import { Chat } from './LobbyPage.js';
import { useRelay, useSocketStatus } from './relay.js';
import { applyRoomEvent, initialRoomState, type RoomState } from './room-state.js';
import { SharedCode } from './shared-code.js';
import { Countdown } from '../room/Countdown.js';
import { useRoomPresence } from '../room/useRoomPresence.js';

const SharedEditor = lazy(() => import('./SharedEditor.js'));
const REACTIONS: Record<Reaction, string> = {
  thumb: '👍',
  question: '❓',
  sad: '😢',
  fire: '🔥',
  laugh: '😂',
  clap: '👏',
  heart: '❤️',
  eyes: '👀',
};

/** Counts down to a server time, re-rendering every 250 ms. */
function useCountdown(endsAt: number | null | undefined, offset: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [endsAt]);
  return endsAt ? Math.max(0, endsAt - (now + offset)) : null;
}

/** Room pages mounted per room id, so that a remount is not taken for leaving. */
const viewers = new Map<string, number>();

export function RoomPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const socket = useRelay();
  const status = useSocketStatus(socket);
  const [state, setState] = useState<RoomState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [code] = useState(() => new SharedCode());
  const { user } = useAuth();
  const latest = useRef({ state, userId: user?.id });
  latest.current = { state, userId: user?.id };
  const phase = state?.room.phase;
  const finishedGameId = phase === 'RESULT' && !state?.result ? state?.room.game?.id : undefined;

  useEffect(() => {
    // Opened (or reloaded) in the result phase: the result was announced before this page subscribed.
    if (!finishedGameId) return;
    const controller = new AbortController();
    api.get<GameResult>(`/api/relay/games/${finishedGameId}`, { signal: controller.signal }).then(
      (result) => setState((old) => old && { ...old, result: old.result ?? result }),
      () => undefined,
    );
    return () => controller.abort();
  }, [finishedGameId]);

  useEffect(() => {
    viewers.set(id, (viewers.get(id) ?? 0) + 1);
    return () => {
      viewers.set(id, viewers.get(id)! - 1);
      // Away from a waiting room by any link is leaving it (not a remount, as StrictMode's).
      setTimeout(() => {
        const { state: last, userId } = latest.current;
        const member = last?.room.players.some((p) => p.userId === userId);
        if (viewers.get(id) === 0 && member && last?.room.phase === 'WAITING')
          // Over HTTP: the relay socket closes with the pages that need it.
          void api.post(`/api/relay/rooms/${id}/leave`).catch(() => undefined);
      }, 0);
    };
  }, [id]);

  useEffect(() => {
    const off = socket.on((frame) => {
      if (frame.type === 'room.snapshot' && frame.roomId === id) {
        if (frame.code) code.reset(frame.code);
        setState((old) => ({ ...initialRoomState(frame.room, frame.code), chat: old?.chat ?? [] }));
      } else if (frame.type === 'error' && !frame.id) {
        setError(frame);
      } else if (
        'roomId' in frame &&
        frame.roomId === id &&
        'seq' in frame &&
        frame.type !== 'room.snapshot'
      ) {
        // The code follows here, in arrival order, whether or not an editor is mounted to show it.
        if (frame.type === 'code.op' && code.apply(frame.op) === 'gap') socket.resync(id);
        if (frame.type === 'phase.changed' && frame.code) code.reset(frame.code);
        setState((old) => (old ? applyRoomEvent(old, frame) : old));
      }
    });
    const unsubscribe = socket.subscribeRoom(id);
    // The REST view answers at once, and says clearly when the room does not exist.
    api.get<RoomView>(`/api/relay/rooms/${id}`).then(
      (room) => setState((old) => old ?? initialRoomState(room, null)),
      (caught: unknown) => setError(caught),
    );
    return () => {
      off();
      unsubscribe();
    };
  }, [socket, id, code]);

  return (
    <main className="page wide" id="main">
      {status !== 'open' && state && (
        <p className="notice" role="status">
          {t('room.reconnecting')}
        </p>
      )}
      {error !== null && !state && <ErrorBox error={error} />}
      {!state && error === null && <Loading />}
      {state && <Room state={state} code={code} />}
    </main>
  );
}

function Room({ state, code }: { state: RoomState; code: SharedCode }) {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const socket = useRelay();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<ProblemDetail | null>(null);
  const { room } = state;
  // A refusal (a start without enough ready players…) holds for the room as it was: once anyone
  // joins, leaves or gets ready, it is no longer true and goes.
  const roster = room.players.map((p) => `${p.userId}:${p.ready}`).join();
  const [failure, setFailure] = useState<{ error: unknown; roster: string } | null>(null);
  const error = failure?.roster === roster ? failure.error : null;
  const setError = (caught: unknown) => setFailure(caught === null ? null : { error: caught, roster });
  const me = room.players.find((p) => p.userId === user?.id);
  const isHost = room.hostId === user?.id;
  const game = room.game;
  const turn = game?.turn ?? null;
  const myTurn = room.phase === 'RELAY' && turn?.userId === user?.id;
  const activeNickname = room.players.find((p) => p.userId === turn?.userId)?.nickname ?? '';
  const phaseLeft = useCountdown(room.phase === 'STRATEGY' ? game?.phaseEndsAt : null, socket.serverOffset);
  const turnLeft = useCountdown(room.phase === 'RELAY' ? turn?.endsAt : null, socket.serverOffset);
  const [, tick] = useState(0);

  useEffect(() => {
    if (!game) return;
    api.get<ProblemDetail>(`/api/problems/${game.problem.slug}`).then(setProblem, () => undefined);
  }, [game?.problem.slug]);
  useEffect(() => {
    // Markers disappear at their `until`.
    if (state.markers.length === 0) return;
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, [state.markers.length]);

  const act = (message: Parameters<typeof socket.request>[0]) => {
    setError(null);
    return socket.request(message).catch((caught: unknown) => {
      setError(caught);
      throw caught;
    });
  };
  const quiet = (promise: Promise<unknown>) => void promise.catch(() => undefined);
  const now = Date.now() + socket.serverOffset;
  const markers = state.markers.filter((m) => m.until > now);
  const presence = useRoomPresence(code, room, markers, user?.id, t('room.spectator'));

  if (state.closed) {
    return (
      <>
        <p>{t('room.closed')}</p>
        <Link to="/lobby">{t('nav.lobby')}</Link>
      </>
    );
  }

  return (
    <div className="room">
      <header className="room-head">
        <div>
          <h1>
            {room.name} <span className="badge">{t(`room.phase.${room.phase}`)}</span>
          </h1>
          <p className="muted small">
            {LANGUAGE_NAMES[room.language]} ·{' '}
            {t('room.players', { count: room.players.length, max: room.maxPlayers })}
            {room.joinCode && ` · ${t('room.joinCode', { code: room.joinCode })}`}
            {!me && ` · ${t('room.spectating')}`}
          </p>
        </div>
        <div className="actions">
          {!me && room.phase === 'WAITING' && room.players.length < room.maxPlayers && (
            <button
              type="button"
              className="button primary"
              onClick={() => void api.post(`/api/relay/rooms/${room.id}/join`).catch(setError)}
            >
              {t('lobby.join')}
            </button>
          )}
          {me && room.phase === 'WAITING' && !isHost && (
            <button
              type="button"
              className="button"
              onClick={() => quiet(act({ type: 'ready', roomId: room.id, ready: !me.ready }))}
            >
              {me.ready ? t('room.notReady') : t('room.ready')}
            </button>
          )}
          {isHost && room.phase === 'WAITING' && (
            <button
              type="button"
              className="button primary"
              onClick={() => quiet(act({ type: 'start', roomId: room.id }))}
            >
              {t('room.start')}
            </button>
          )}
          {me ? (
            <button
              type="button"
              className="button ghost"
              onClick={() =>
                // Out of a waiting room, the page's unmount leaves it (as any other link does).
                room.phase === 'WAITING'
                  ? void navigate('/lobby')
                  : quiet(act({ type: 'leave', roomId: room.id }).then(() => navigate('/lobby')))
              }
            >
              {t('room.leave')}
            </button>
          ) : (
            <Link className="button ghost" to="/lobby">
              {t('nav.lobby')}
            </Link>
          )}
        </div>
      </header>
      {error !== null && <ErrorBox error={error} />}
      {room.phase === 'RELAY' && turn && (
        <div
          className={`turn-banner${myTurn ? ' mine' : ''}${turnLeft !== null && turnLeft <= 10_000 ? ' urgent' : ''}`}
          role="status"
          data-testid="turn-banner"
        >
          <strong>{myTurn ? t('room.yourTurn') : t('room.turnOf', { nickname: activeNickname })}</strong>
          {turnLeft !== null && (
            <span className="timer">{t('room.turnEnds', { time: formatTime(turnLeft) })}</span>
          )}
        </div>
      )}
      {room.phase === 'STRATEGY' && phaseLeft !== null && (
        <div className="turn-banner" role="status">
          {t('room.strategyEnds', { time: formatTime(phaseLeft) })}
        </div>
      )}
      <Countdown room={room} userId={user?.id} serverOffset={socket.serverOffset} />
      <div className="room-grid">
        <div className="room-main">
          {state.result && <ResultPanel state={state} />}
          {game && (
            <details className="card problem-card" open={room.phase === 'STRATEGY'}>
              <summary>
                <strong>{game.problem.title[locale]}</strong>{' '}
                <DifficultyBadge difficulty={game.problem.difficulty} />
              </summary>
              {problem && (
                <div className="statement-inline">
                  <Markdown source={problem.texts[locale].statement} />
                  <h3>{t('challenge.input')}</h3>
                  <Markdown source={problem.texts[locale].input} />
                  <h3>{t('challenge.output')}</h3>
                  <Markdown source={problem.texts[locale].output} />
                  {problem.samples.map((sample, index) => (
                    <div className="sample" key={sample.id}>
                      <div>
                        <h4>{t('challenge.sampleInput', { n: index + 1 })}</h4>
                        <pre className="output">{sample.input}</pre>
                      </div>
                      <div>
                        <h4>{t('challenge.sampleOutput', { n: index + 1 })}</h4>
                        <pre className="output">{sample.output}</pre>
                      </div>
                    </div>
                  ))}
                </div>
              )}
            </details>
          )}
          {state.code && (room.phase === 'STRATEGY' || room.phase === 'RELAY') && user && (
            <div className="editor-frame">
              <Suspense fallback={<Loading />}>
                <SharedEditor
                  language={room.language}
                  code={code}
                  userId={user.id}
                  canEdit={myTurn}
                  label={t('challenge.editor')}
                  presence={presence}
                  push={(version, changes, cursor) =>
                    socket.request({
                      type: 'code.push',
                      roomId: room.id,
                      version,
                      changes: changes as never,
                      cursor,
                    })
                  }
                  onPing={
                    // Players waiting for their turn and spectators point at the code (Alt+click).
                    myTurn ? undefined : (pos) => quiet(act({ type: 'ping', roomId: room.id, pos }))
                  }
                />
              </Suspense>
            </div>
          )}
          {myTurn && (
            <div className="actions">
              <button
                type="button"
                className="button"
                disabled={Boolean(game?.judging)}
                onClick={() => quiet(act({ type: 'judge', roomId: room.id, mode: 'sample' }))}
              >
                {t('room.runSamples')}
              </button>
              <button
                type="button"
                className="button primary"
                disabled={Boolean(game?.judging)}
                onClick={() => {
                  if (window.confirm(t('room.submit.confirm')))
                    quiet(act({ type: 'judge', roomId: room.id, mode: 'full' }));
                }}
              >
                {t('room.submit')}
              </button>
              <button
                type="button"
                className="button ghost"
                onClick={() => quiet(act({ type: 'pass', roomId: room.id }))}
              >
                {t('room.pass')}
              </button>
            </div>
          )}
          {game?.judging && (
            <JudgeResult
              state={{
                id: game.judging.submissionId,
                status: 'judging',
                verdict: null,
                testCount: 0,
                tests: game.judging.tests,
                compileOutput: null,
                message: null,
                timeMs: null,
                memoryKb: null,
              }}
            />
          )}
          {!game?.judging && state.lastJudge && (
            <JudgeResult
              state={{
                id: state.lastJudge.submissionId,
                status: 'done',
                verdict: state.lastJudge.verdict,
                testCount: state.lastJudge.total,
                tests: state.lastJudge.tests,
                compileOutput: state.lastJudge.compileOutput,
                message: state.lastJudge.message,
                timeMs: null,
                memoryKb: null,
              }}
            />
          )}
          {markers
            .filter((m) => m.kind === 'ping')
            .map((m) => (
              <p key={m.key} className="notice small">
                📍 {room.players.find((p) => p.userId === m.userId)?.nickname ?? t('room.spectator')}: {m.pos}
              </p>
            ))}
        </div>
        <aside className="side">
          <section className="card" aria-label={t('lobby.online', { count: room.players.length })}>
            <ul className="players" data-testid="players">
              {room.players.map((player) => {
                const reaction = markers.find((m) => m.kind === 'reaction' && m.userId === player.userId);
                return (
                  <li
                    key={player.userId}
                    className={turn?.userId === player.userId && room.phase === 'RELAY' ? 'active' : ''}
                  >
                    <span>{player.nickname}</span>
                    {player.userId === room.hostId && <span className="badge">{t('room.host')}</span>}
                    {room.phase === 'WAITING' && player.ready && player.userId !== room.hostId && (
                      <span className="badge verdict-ok">{t('room.isReady')}</span>
                    )}
                    {!player.online && <span className="muted small">{t('room.offline')}</span>}
                    {reaction?.reaction && (
                      <span className="reaction" aria-label={t(`room.reaction.${reaction.reaction}`)}>
                        {REACTIONS[reaction.reaction]}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
            {!myTurn && (room.phase === 'STRATEGY' || room.phase === 'RELAY') && (
              <div className="reactions" role="group" aria-label={t('room.reactions')}>
                {(Object.keys(REACTIONS) as Reaction[]).map((reaction) => (
                  <button
                    key={reaction}
                    type="button"
                    className="button ghost small"
                    aria-label={t(`room.reaction.${reaction}`)}
                    onClick={() => quiet(act({ type: 'reaction', roomId: room.id, reaction }))}
                  >
                    {REACTIONS[reaction]}
                  </button>
                ))}
              </div>
            )}
          </section>
          <Chat
            title={room.name}
            messages={state.chat}
            disabledReason={myTurn ? t('room.chat.disabled') : null}
            send={(text) => socket.request({ type: 'chat', roomId: room.id, text })}
          />
        </aside>
      </div>
    </div>
  );
}

function ResultPanel({ state }: { state: RoomState }) {
  const { t } = useI18n();
  const result = state.result!;
  return (
    <section className="card result" aria-labelledby="result-title" data-testid="game-result">
      <h2 id="result-title">
        {t('room.result')}: {t(`room.outcome.${result.outcome}`)}{' '}
        <span className="muted small">{formatTime(result.endedAt - result.startedAt)}</span>
      </h2>
      <ul className="awards">
        {result.awards.map((award) => (
          <li key={award.kind}>
            <strong>{t(`room.award.${award.kind}`)}</strong> {award.nickname} ({award.value} {award.unit})
          </li>
        ))}
      </ul>
      <ol>
        {result.players.map((player) => (
          <li key={player.userId}>
            {player.nickname}: {playerFigures(t, player)}
          </li>
        ))}
      </ol>
      {state.lastJudge && <VerdictBadge verdict={state.lastJudge.verdict} />}{' '}
      <Link className="button small" to={`/replay/${result.gameId}`}>
        {t('replay.watch')}
      </Link>
    </section>
  );
}
