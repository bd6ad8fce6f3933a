import { useEffect, useMemo, useState } from 'react';
import type { RoomView } from '@corazy/contracts';
import type { PresenceMark } from '../editor/presence.js';
import type { RoomState } from '../lobby/room-state.js';
import type { SharedCode } from '../lobby/shared-code.js';

/**
 * What the shared editor draws of the others: the active player's cursor (from the last operation
 * they sent, while their turn lasts; never one's own) and the pings still showing. The array keeps
 * its identity while nothing visible changes, so the editor is told only about real changes.
 */
export function useRoomPresence(
  code: SharedCode,
  room: RoomView,
  markers: RoomState['markers'],
  userId: string | undefined,
  /** The label of a mark by someone who is not a player (spectators ping too; events carry no nickname). */
  spectator: string,
): readonly PresenceMark[] {
  const [cursor, setCursor] = useState<{ userId: string; head: number } | null>(null);
  useEffect(
    () =>
      code.follow((update) =>
        setCursor(
          update.kind === 'op' && update.op.cursor
            ? { userId: update.op.userId, head: update.op.cursor.head }
            : null,
        ),
      ),
    [code],
  );
  const nickname = (id: string) => room.players.find((p) => p.userId === id)?.nickname ?? spectator;
  const active = room.phase === 'RELAY' ? room.game?.turn?.userId : undefined;
  const marks: PresenceMark[] = [];
  if (cursor && cursor.userId === active && cursor.userId !== userId) {
    marks.push({ kind: 'cursor', pos: cursor.head, label: nickname(cursor.userId), key: cursor.userId });
  }
  for (const marker of markers) {
    if (marker.kind === 'ping' && marker.pos !== undefined) {
      marks.push({ kind: 'ping', pos: marker.pos, label: nickname(marker.userId), key: marker.key });
    }
  }
  const signature = JSON.stringify(marks);
  // `signature` is `marks` by value: a new array only when what is drawn changes.
  return useMemo(() => marks, [signature]);
}
