import { describe, expect, it } from 'vitest';
import { sseParser, type SseEvent } from './sse.js';

describe('the SSE parser', () => {
  it('splits events across arbitrary chunks, skips comments and retry, joins multi-line data', () => {
    const events: SseEvent[] = [];
    const feed = sseParser((event) => events.push(event));
    const stream =
      'retry: 2000\n\nevent: snapshot\ndata: {"a":1}\n\n: heartbeat\n\nevent: test\r\ndata: line1\r\ndata: line2\r\n\r\ndata: plain\n\n';
    for (let i = 0; i < stream.length; i += 3) feed(stream.slice(i, i + 3));
    expect(events).toEqual([
      { event: 'snapshot', data: '{"a":1}' },
      { event: 'test', data: 'line1\nline2' },
      { event: 'message', data: 'plain' },
    ]);
  });
});
