const PREFIX = '{"seq":';

/** The seq of a stored event: the stores write it first, so it is read without parsing the event. */
export function seqOf(event: string): number {
  if (!event.startsWith(PREFIX)) throw new Error('not a numbered room event');
  return Number(event.slice(PREFIX.length, event.indexOf(',', PREFIX.length)));
}

/** Numbers an event serialised without `seq` (a JSON object with at least one key). */
export const numbered = (seq: number, event: string) => `${PREFIX}${seq},${event.slice(1)}`;
