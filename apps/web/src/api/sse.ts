import { sseParser, type SseEvent } from '@corazy/contracts';

/** Reads an event stream to its end (or until `signal` aborts). */
export async function readSse(response: Response, onEvent: (event: SseEvent) => void): Promise<void> {
  if (!response.body) throw new Error('the response has no body');
  const feed = sseParser(onEvent);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    feed(value);
  }
}
