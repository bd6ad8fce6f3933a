import type { RoomList, RoomListQuery, RoomSummary } from '@corazy/contracts';
import { refuse } from './errors.js';

/**
 * One page of the room list, newest first (ties by id, so that the order is total and a page never
 * repeats or skips a room). The cursor names the last room of the page before, so rooms created or
 * closed meanwhile do not shift the pages after it.
 */
export function pageOfRooms(rooms: readonly RoomSummary[], { limit, cursor }: RoomListQuery): RoomList {
  const sorted = [...rooms].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const start = after
    ? sorted.findIndex(
        (room) =>
          room.createdAt < after.createdAt || (room.createdAt === after.createdAt && room.id > after.id),
      )
    : 0;
  const items = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = items.at(-1);
  const more = start >= 0 && start + limit < sorted.length;
  return { items, nextCursor: more && last ? encodeCursor(last) : null };
}

function encodeCursor(room: RoomSummary): string {
  return Buffer.from(`${room.createdAt}:${room.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw refuse('VALIDATION_FAILED', 'cursor is not one this list gave out');
  return { createdAt: Number(match[1]), id: match[2]! };
}
