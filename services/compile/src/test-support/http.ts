import { ErrorBody } from '@corazy/contracts';

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseConnection {
  /** Events so far, in order (heartbeats excluded). */
  events: SseEvent[];
  /** Heartbeat comment lines seen. */
  heartbeats: number;
  status: number;
  headers: Headers;
  /** Resolves once an event named `name` has arrived (and returns everything up to then). */
  until(name: string, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** A real SSE client over fetch, parsing `event:`/`data:` blocks as a browser's EventSource would. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  const connection: SseConnection = {
    events,
    heartbeats: 0,
    status: response.status,
    headers: response.headers,
    async until(name, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!events.some((event) => event.event === name)) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no ${name} event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
      return events;
    },
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  connection.ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          if (lines.every((line) => line.startsWith(':'))) connection.heartbeats += 1;
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (event) events.push({ event, data: JSON.parse(data) as unknown });
        }
        for (const wake of waiters.splice(0)) wake();
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return connection;
}

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A JSON call over real HTTP. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: returned as text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;

/** Polls `check` until it returns something other than undefined. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  stepMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
