import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type {
  CreateRoomInput,
  Difficulty,
  Language,
  LobbyChatMessage,
  OnlineUser,
  ProblemList,
  RoomList,
  RoomSummary,
  RoomView,
} from '@corazy/contracts';
import { api, useAuth } from '../auth/auth.js';
import { useI18n } from '../i18n/i18n.js';
import { Rankings } from '../profile/Rankings.js';
import { ErrorBox, LANGUAGES, LANGUAGE_NAMES } from '../ui/common.js';
import { useRelay, useSocketStatus } from './relay.js';

export function LobbyPage() {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const socket = useRelay();
  const status = useSocketStatus(socket);
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  /** Where the next page of the room list starts (the snapshot holds the first page); null at the end. */
  const [nextRooms, setNextRooms] = useState<string | null>(null);
  const [chat, setChat] = useState<LobbyChatMessage[]>([]);
  const [online, setOnline] = useState<OnlineUser[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [code, setCode] = useState('');

  useEffect(() => {
    const off = socket.on((frame) => {
      if (frame.type === 'lobby.snapshot') {
        setRooms(frame.rooms);
        setNextRooms(frame.roomsNextCursor);
        setChat(frame.chat);
        setOnline(frame.online);
      } else if (frame.type === 'lobby.room') {
        setRooms((old) =>
          [...(old ?? []).filter((r) => r.id !== frame.room.id), frame.room].sort(
            (a, b) => a.createdAt - b.createdAt,
          ),
        );
      } else if (frame.type === 'lobby.room.removed') {
        setRooms((old) => (old ?? []).filter((r) => r.id !== frame.roomId));
      } else if (frame.type === 'lobby.chat') {
        setChat((old) => [...old.slice(-99), frame.message]);
      } else if (frame.type === 'lobby.online') {
        setOnline(frame.online);
      }
    });
    const unsubscribe = socket.subscribeLobby();
    return () => {
      off();
      unsubscribe();
    };
  }, [socket]);

  const loadMoreRooms = async (cursor: string) => {
    setError(null);
    try {
      const page = await api.get<RoomList>(`/api/relay/rooms?cursor=${encodeURIComponent(cursor)}`);
      setRooms((old) => {
        const known = new Set((old ?? []).map((room) => room.id));
        return [...(old ?? []), ...page.items.filter((room) => !known.has(room.id))];
      });
      setNextRooms(page.nextCursor);
    } catch (caught) {
      setError(caught);
    }
  };

  const act = async (task: () => Promise<RoomView>) => {
    setError(null);
    try {
      const room = await task();
      void navigate(`/room/${room.id}`);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <main className="page wide lobby" id="main">
      <h1>{t('lobby.welcome', { nickname: user?.nickname ?? '' })}</h1>
      {status !== 'open' && (
        <p className="notice" role="status">
          {t(status === 'connecting' ? 'lobby.connecting' : 'lobby.disconnected')}
        </p>
      )}
      <div className="lobby-grid">
        <div>
          <section aria-labelledby="modes-title">
            <h2 id="modes-title" className="visually-hidden">
              {t('lobby.modes')}
            </h2>
            <ul className="card-grid">
              <li>
                <Link className="card link-card mode" to="/challenge">
                  <strong>{t('nav.challenge')}</strong>
                  <span className="muted">{t('lobby.challenge.desc')}</span>
                </Link>
              </li>
              <li>
                <Link className="card link-card mode" to="/dictation">
                  <strong>{t('nav.dictation')}</strong>
                  <span className="muted">{t('lobby.dictation.desc')}</span>
                </Link>
              </li>
              <li>
                <button
                  type="button"
                  className="card link-card mode as-button"
                  onClick={() => setCreating((c) => !c)}
                  aria-expanded={creating}
                >
                  <strong>{t('lobby.createRoom')}</strong>
                  <span className="muted">{t('lobby.relay.desc')}</span>
                </button>
              </li>
            </ul>
          </section>
          {creating && (
            <CreateRoom onCreate={(input) => act(() => api.post<RoomView>('/api/relay/rooms', input))} />
          )}
          <section aria-labelledby="rooms-title" className="card">
            <div className="section-head">
              <h2 id="rooms-title">{t('lobby.rooms')}</h2>
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => void act(() => api.post<RoomView>('/api/relay/rooms/quick-join'))}
                >
                  {t('lobby.quickJoin')}
                </button>
                <form
                  className="inline-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void act(() =>
                      api.post<RoomView>('/api/relay/rooms/join-by-code', {
                        code: code.trim().toUpperCase(),
                      }),
                    );
                  }}
                >
                  <label htmlFor="join-code" className="visually-hidden">
                    {t('lobby.code')}
                  </label>
                  <input
                    id="join-code"
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                    placeholder={t('lobby.code')}
                    maxLength={6}
                    size={8}
                  />
                  <button type="submit" className="button" disabled={code.trim().length !== 6}>
                    {t('lobby.joinByCode')}
                  </button>
                </form>
              </div>
            </div>
            {error !== null && <ErrorBox error={error} />}
            {rooms === null ? null : rooms.length === 0 ? (
              <p className="empty">{t('lobby.rooms.empty')}</p>
            ) : (
              <ul className="rooms" data-testid="room-list">
                {rooms.map((room) => (
                  <li key={room.id} className="room-row">
                    <div>
                      <strong>{room.name}</strong>{' '}
                      <span className="badge">{t(`room.phase.${room.phase}`)}</span>
                      <div className="muted small">
                        {LANGUAGE_NAMES[room.language]} · {room.hostNickname} ·{' '}
                        {t('room.players', { count: room.players, max: room.maxPlayers })}
                        {room.problemTitle && ` · ${room.problemTitle[locale]}`}
                      </div>
                    </div>
                    {room.phase === 'WAITING' && room.players < room.maxPlayers ? (
                      <button
                        type="button"
                        className="button primary small"
                        onClick={() => void act(() => api.post<RoomView>(`/api/relay/rooms/${room.id}/join`))}
                      >
                        {t('lobby.join')}
                      </button>
                    ) : (
                      <Link className="button small" to={`/room/${room.id}`}>
                        {t('lobby.watch')}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {nextRooms !== null && (
              <button type="button" className="button small" onClick={() => void loadMoreRooms(nextRooms)}>
                {t('lobby.rooms.more')}
              </button>
            )}
          </section>
        </div>
        <div className="side">
          <Chat
            title={t('lobby.chat')}
            messages={chat}
            send={(text) => socket.request({ type: 'lobby.chat', text })}
          />
          <section className="card" aria-labelledby="online-title">
            <h2 id="online-title">{t('lobby.online', { count: online.length })}</h2>
            <ul className="online">
              {online.map((u) => (
                <li key={u.userId}>{u.nickname}</li>
              ))}
            </ul>
          </section>
          <Rankings />
        </div>
      </div>
    </main>
  );
}

export function Chat({
  title,
  messages,
  send,
  disabledReason,
}: {
  title: string;
  messages: { nickname: string; text: string; at: number }[];
  send: (text: string) => Promise<unknown>;
  disabledReason?: string | null;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const list = useRef<HTMLOListElement>(null);
  const id = useId();
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages.length]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setError(null);
    send(value).then(
      () => setText(''),
      (caught: unknown) => setError(caught),
    );
  };
  return (
    <section className="card chat" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ol className="chat-log" ref={list} aria-live="polite" data-testid="chat-log">
        {messages.length === 0 && <li className="muted">{t('lobby.chat.empty')}</li>}
        {messages.map((m, index) => (
          <li key={`${m.at}-${index}`}>
            <strong>{m.nickname}</strong> {m.text}
          </li>
        ))}
      </ol>
      {error !== null && <ErrorBox error={error} />}
      <form onSubmit={submit} className="chat-form">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          {title}
        </label>
        <input
          id={`${id}-input`}
          value={text}
          maxLength={200}
          placeholder={disabledReason ?? t('lobby.chat.placeholder')}
          disabled={Boolean(disabledReason)}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button" disabled={Boolean(disabledReason)}>
          {t('lobby.chat.send')}
        </button>
      </form>
    </section>
  );
}

function CreateRoom({ onCreate }: { onCreate: (input: CreateRoomInput) => Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<Language>('python');
  const [maxPlayers, setMaxPlayers] = useState(4);
  const [turnSeconds, setTurnSeconds] = useState(60);
  const [strategySeconds, setStrategySeconds] = useState(60);
  const [difficulty, setDifficulty] = useState<Difficulty | ''>('');
  const [isPrivate, setPrivate] = useState(false);
  const [problem, setProblem] = useState('');
  const [problems, setProblems] = useState<ProblemList['items']>([]);
  const { locale } = useI18n();
  useEffect(() => {
    api.get<ProblemList>(`/api/problems?language=${language}&limit=100`).then(
      (list) => setProblems(list.items),
      () => setProblems([]),
    );
  }, [language]);
  return (
    <form
      className="card create-room"
      aria-label={t('lobby.createRoom')}
      onSubmit={(event) => {
        event.preventDefault();
        void onCreate({
          name: name.trim(),
          language,
          maxPlayers,
          turnSeconds,
          strategySeconds,
          private: isPrivate,
          ...(difficulty ? { difficulty } : {}),
          ...(problem ? { problem } : {}),
        });
      }}
    >
      <div className="field">
        <label htmlFor="room-name">{t('room.name')}</label>
        <input
          id="room-name"
          required
          maxLength={30}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="form-row">
        <label>
          {t('room.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('room.maxPlayers')}
          <select value={maxPlayers} onChange={(e) => setMaxPlayers(Number(e.target.value))}>
            {[2, 3, 4].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          {t('room.turnSeconds')}
          <input
            type="number"
            min={30}
            max={300}
            value={turnSeconds}
            aria-describedby="turn-seconds-range"
            onChange={(e) => setTurnSeconds(Number(e.target.value))}
          />
          {/* Said up front, not only by the browser's bubble once a shorter turn is refused. */}
          <small id="turn-seconds-range" className="muted">
            {t('room.turnSeconds.range')}
          </small>
        </label>
        <label>
          {t('room.strategySeconds')}
          <input
            type="number"
            min={0}
            max={300}
            value={strategySeconds}
            onChange={(e) => setStrategySeconds(Number(e.target.value))}
          />
        </label>
        <label>
          {t('room.difficulty')}
          <select value={difficulty} onChange={(e) => setDifficulty(e.target.value as Difficulty | '')}>
            <option value="">{t('challenge.any')}</option>
            {(['easy', 'medium', 'hard'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`difficulty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('room.problem')}
          <select value={problem} onChange={(e) => setProblem(e.target.value)}>
            <option value="">{t('room.problem.random')}</option>
            {problems
              .filter((p) => !difficulty || p.difficulty === difficulty)
              .map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.number}. {p.title[locale]}
                </option>
              ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />{' '}
          {t('room.private')}
        </label>
      </div>
      <button type="submit" className="button primary">
        {t('room.create')}
      </button>
    </form>
  );
}
