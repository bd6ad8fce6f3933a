import {
  Dictation,
  IdentityHeader,
  JobAccepted,
  ProblemDetail,
  SubmissionStreamEvent,
  sseParser,
  type CreateSubmissionRequest,
  type Difficulty,
  type ErrorBody,
  type Language,
  type SseEvent,
  type SubmissionTestResult,
  type SubmissionView,
} from '@corazy/contracts';
import { AppError, type Identity } from '@corazy/service-kit';
import type { Judge } from '../domain/judge.js';

const REQUEST_TIMEOUT_MS = 10_000;
/** A submission's stream is given up after this long; the compile service answers every job well before. */
const FOLLOW_TIMEOUT_MS = 5 * 60_000;
/** Pauses between reconnections of a submission's stream, doubling from the first to the last. */
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2_000;

/**
 * The compile service over HTTP. The relay calls it as a trusted internal caller, with the acting
 * player's identity headers, the way the gateway would (docs/compile.md "For the relay").
 */
export function compileClient(baseUrl: string): Judge {
  const headersOf = (identity: Identity) => ({
    [IdentityHeader.userId]: identity.userId,
    [IdentityHeader.nickname]: encodeURIComponent(identity.nickname),
    [IdentityHeader.role]: identity.role,
  });

  async function failure(response: Response, what: string): Promise<AppError> {
    const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
    if (body?.error && response.status < 500) {
      return new AppError(body.error.code, `${what}: ${body.error.message}`, body.error.details);
    }
    return new AppError('UPSTREAM_UNAVAILABLE', `${what}: the compile service answered ${response.status}`);
  }

  async function call(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new AppError(
        timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE',
        `${what}: ${(error as Error).message}`,
      );
    }
  }

  return {
    async problem(choice: { slug: string } | { language: Language; difficulty: Difficulty | null }) {
      const url =
        'slug' in choice
          ? `${baseUrl}/api/problems/${encodeURIComponent(choice.slug)}`
          : `${baseUrl}/api/problems/random?${new URLSearchParams({
              language: choice.language,
              ...(choice.difficulty ? { difficulty: choice.difficulty } : {}),
            }).toString()}`;
      const response = await call(url, {}, 'fetching the problem');
      if (!response.ok) throw await failure(response, 'fetching the problem');
      return ProblemDetail.parse(await response.json());
    },

    async dictation(id: string) {
      const response = await call(
        `${baseUrl}/api/dictations/${encodeURIComponent(id)}`,
        {},
        'fetching the snippet',
      );
      if (!response.ok) throw await failure(response, 'fetching the snippet');
      return Dictation.parse(await response.json());
    },

    async submit(identity: Identity, request: CreateSubmissionRequest) {
      const response = await call(
        `${baseUrl}/api/submissions`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headersOf(identity) },
          body: JSON.stringify(request),
        },
        'submitting',
      );
      if (response.status !== 202) throw await failure(response, 'submitting');
      return JobAccepted.parse(await response.json()).id;
    },

    async follow(
      identity: Identity,
      submissionId: string,
      onTest: (test: SubmissionTestResult) => Promise<void>,
    ) {
      // One judgement, however many connections it takes: a stream cut before its final is opened
      // again (the compile service replays the whole story on each), and each test is passed on once.
      const deadline = AbortSignal.timeout(FOLLOW_TIMEOUT_MS);
      const seen = new Set<string>();
      let pause = RECONNECT_MIN_MS;
      for (;;) {
        // A refused connection is tried again like a cut one: the compile service may be restarting.
        const response = await fetch(`${baseUrl}/api/submissions/${submissionId}/events`, {
          headers: { accept: 'text/event-stream', ...headersOf(identity) },
          signal: deadline,
        }).catch(() => undefined);
        if (deadline.aborted) throw followTimedOut();
        if (response && response.status >= 400 && response.status < 500)
          throw await failure(response, 'following the submission');
        if (response?.ok && response.body) {
          const final = await readUntilFinal(response.body, async (test) => {
            if (seen.has(test.testId)) return;
            seen.add(test.testId);
            await onTest(test);
          }).catch(() => undefined);
          if (final) return final;
          pause = RECONNECT_MIN_MS;
        }
        if (deadline.aborted) throw followTimedOut();
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(RECONNECT_MAX_MS, pause * 2);
      }
    },
  };
}

const followTimedOut = () =>
  new AppError('UPSTREAM_TIMEOUT', 'the submission stream gave no final result in time');

/** Reads one connection of a submission's event stream; its final, or undefined when it ended first. */
async function readUntilFinal(
  body: ReadableStream<Uint8Array>,
  onTest: (test: SubmissionTestResult) => Promise<void>,
): Promise<SubmissionView | undefined> {
  const events: SseEvent[] = [];
  const feed = sseParser((event) => events.push(event));
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    feed(decoder.decode(chunk, { stream: true }));
    for (const { event, data } of events.splice(0)) {
      if (event === 'test') await onTest(SubmissionStreamEvent.test.parse(JSON.parse(data)));
      if (event === 'final') return SubmissionStreamEvent.final.parse(JSON.parse(data));
    }
  }
  return undefined;
}
