import type { SubmissionTestResult, SubmissionView } from '@corazy/contracts';
import { ApiError, type ApiClient } from './client.js';
import { readSse } from './sse.js';

export type SubmissionSnapshot = Omit<SubmissionView, 'source' | 'tests'>;
export type SubmissionFinal = Omit<SubmissionView, 'source'>;

export interface SubmissionHandlers {
  snapshot?(view: SubmissionSnapshot): void;
  compile?(result: { ok: boolean; output: string }): void;
  test?(test: SubmissionTestResult): void;
  final(view: SubmissionFinal): void;
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Follows `GET /api/submissions/:id/events` with the access token (fetch streaming) until `final`.
 * A stream that ends without a final (a compile replica stopped) is reopened: the server replays the
 * story from the start, and tests are applied by id, so nothing shows twice.
 */
export async function followSubmission(
  client: ApiClient,
  id: string,
  handlers: SubmissionHandlers,
  signal?: AbortSignal,
): Promise<void> {
  let done = false;
  let failures = 0;
  while (!done && !signal?.aborted) {
    try {
      const response = await client.send('GET', `/api/submissions/${id}/events`, {
        signal,
        headers: { accept: 'text/event-stream' },
      });
      failures = 0;
      await readSse(response, ({ event, data }) => {
        const value: unknown = JSON.parse(data);
        if (event === 'snapshot') handlers.snapshot?.(value as SubmissionSnapshot);
        else if (event === 'compile') handlers.compile?.(value as { ok: boolean; output: string });
        else if (event === 'test') handlers.test?.(value as SubmissionTestResult);
        else if (event === 'final') {
          done = true;
          handlers.final(value as SubmissionFinal);
        }
      });
    } catch (error) {
      if (signal?.aborted) return;
      // A refusal (404, 401 after a failed refresh) will not change by retrying.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) throw error;
      if (++failures > 5) throw error;
    }
    if (!done) await wait(1000 * Math.max(1, failures), signal);
  }
}
