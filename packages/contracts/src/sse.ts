/**
 * Server-Sent Events, parsed as the WHATWG EventSource does (fields, CR/LF/CRLF line ends, comments),
 * over any text stream: the web reads with fetch (EventSource cannot send an Authorization header),
 * the relay follows judgements with it. No DOM or Node API here.
 */
export interface SseEvent {
  event: string;
  data: string;
}

/** Feeds text chunks; calls `onEvent` for every complete event (comments and `retry:` are skipped). */
export function sseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  return (chunk: string) => {
    buffer += chunk;
    let index: number;
    while ((index = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const newline = buffer[index] === '\r' && buffer[index + 1] === '\n' ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
      if (buffer[index] === '\r' && index === buffer.length - 1) break;
      line(buffer.slice(0, index));
      buffer = buffer.slice(index + newline);
    }
  };
}
