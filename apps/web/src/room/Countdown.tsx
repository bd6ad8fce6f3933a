import { useEffect, useRef, useState } from 'react';
import type { RoomView } from '@corazy/contracts';
import { useI18n } from '../i18n/i18n.js';
import { usePreferences } from '../ui/preferences.js';
import { beep } from '../ui/sound.js';
import { cueAt, type Cue } from './countdown.js';

/**
 * The big 3-2-1 over the room (`cueAt` says when), with a tone per number when sound is on. A turn
 * that ends early (a pass) cuts its count short; it never takes a click (pointer-events: none).
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
  const nickname = (id: string) => room.players.find((p) => p.userId === id)?.nickname ?? '';
  const caption = (cue: Cue) => {
    if (cue.kind === 'go')
      return cue.userId === userId
        ? t('room.yourTurn')
        : t('countdown.turnOf', { nickname: nickname(cue.userId) });
    if (cue.before === 'relay') return t('countdown.game');
    if (!cue.next) return t('countdown.turnEnds');
    return cue.next === userId
      ? t('countdown.yourTurnNext')
      : t('countdown.next', { nickname: nickname(cue.next) });
  };
  const turn = room.game?.turn ?? null;
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + serverOffset), 100);
    return () => clearInterval(timer);
  }, [serverOffset]);

  const cue = cueAt(room, now);
  const show = cue && {
    big: cue.kind === 'go' ? t('countdown.go') : String(cue.seconds),
    caption: caption(cue),
    kind: cue.kind,
  };
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
