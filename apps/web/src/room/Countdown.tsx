import { useEffect, useRef, useState } from 'react';
import type { RoomView } from '@corazy/contracts';
import { useI18n } from '../i18n/i18n.js';
import { usePreferences } from '../ui/preferences.js';
import { beep } from '../ui/sound.js';

/** Seconds counted down before the game and each turn start; how long "go" stays up after. */
const COUNT_FROM_MS = 3_000;
const GO_MS = 900;

/**
 * The big 3-2-1 over the room: in the last three seconds of the strategy phase (the relay starts) and
 * of each turn (the next player's starts), then "go" as it begins. The times are the server's
 * (`phaseEndsAt`, the turn's `endsAt` and `startedAt`), so every screen counts together; a turn that
 * ends early (a pass) simply cuts its count short. It never takes a click (pointer-events: none).
 */
export function Countdown({
  room,
  userId,
  serverOffset,
}: {
  room: RoomView;
  userId: string | undefined;
  serverOffset: number;
}) {
  const { t } = useI18n();
  const { sound } = usePreferences();
  const [now, setNow] = useState(() => Date.now() + serverOffset);
  const game = room.game;
  const turn = game?.turn ?? null;
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + serverOffset), 100);
    return () => clearInterval(timer);
  }, [serverOffset]);

  let show: { big: string; caption: string; kind: 'tick' | 'go' } | null = null;
  if (room.phase === 'STRATEGY' && game?.phaseEndsAt) {
    const left = game.phaseEndsAt - now;
    if (left > 0 && left <= COUNT_FROM_MS)
      show = { big: String(Math.ceil(left / 1000)), caption: t('countdown.game'), kind: 'tick' };
  } else if (room.phase === 'RELAY' && turn) {
    const left = turn.endsAt - now;
    const since = now - turn.startedAt;
    if (since >= 0 && since < GO_MS) {
      show = {
        big: t('countdown.go'),
        caption:
          turn.userId === userId
            ? t('room.yourTurn')
            : t('countdown.turnOf', { nickname: nicknameOf(room, turn.userId) }),
        kind: 'go',
      };
    } else if (left > 0 && left <= COUNT_FROM_MS) {
      const next = nextPlayer(room, turn.userId);
      const caption = !next
        ? t('countdown.turnEnds')
        : next === userId
          ? t('countdown.yourTurnNext')
          : t('countdown.next', { nickname: nicknameOf(room, next) });
      show = { big: String(Math.ceil(left / 1000)), caption, kind: 'tick' };
    }
  }

  // One tone per number shown, and one for "go".
  const sounded = useRef('');
  const key = show ? `${room.phase}:${turn?.number ?? 0}:${show.big}` : '';
  useEffect(() => {
    if (!show || key === sounded.current) return;
    sounded.current = key;
    if (sound) beep(show.kind);
  }, [key, show, sound]);

  if (!show) return null;
  return (
    <div className={`countdown ${show.kind}`} role="status" aria-live="assertive" data-testid="countdown">
      <span className="countdown-number">{show.big}</span>
      <span className="countdown-caption">{show.caption}</span>
    </div>
  );
}

const nicknameOf = (room: RoomView, userId: string) =>
  room.players.find((p) => p.userId === userId)?.nickname ?? '';

/** Who the server will hand the turn to: the next online player in join order (it skips those away). */
function nextPlayer(room: RoomView, current: string): string | null {
  const index = room.players.findIndex((p) => p.userId === current);
  for (let step = 1; step < room.players.length; step++) {
    const candidate = room.players[(index + step) % room.players.length]!;
    if (candidate.online) return candidate.userId;
  }
  return null;
}
