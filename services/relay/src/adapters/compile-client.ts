import {
  Dictation,
  IdentityHeader,
  JobAccepted,
  ProblemDetail,
  SubmissionStreamEvent,
  type CreateSubmissionRequest,
  type Difficulty,
  type ErrorBody,
  type Language,
  type SubmissionTestResult,
} from '@corazy/contracts';
import { AppError, type Identity } from '@corazy/service-kit';
import type { Judge } from '../domain/judge.js';

const REQUEST_TIMEOUT_MS = 10_000;
/** A submission's stream is given up after this long; the compile service answers every job well before. */
const FOLLOW_TIMEOUT_MS = 5 * 60_000;

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
      const response = await fetch(`${baseUrl}/api/submissions/${submissionId}/events`, {
        headers: { accept: 'text/event-stream', ...headersOf(identity) },
        signal: AbortSignal.timeout(FOLLOW_TIMEOUT_MS),
      });
      if (!response.ok || !response.body) throw await failure(response, 'following the submission');
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const { event, data } = parseSseBlock(block);
          if (event === 'test') await onTest(SubmissionStreamEvent.test.parse(JSON.parse(data)));
          if (event === 'final') return SubmissionStreamEvent.final.parse(JSON.parse(data));
        }
      }
      throw new AppError('UPSTREAM_UNAVAILABLE', 'the submission stream ended before its final result');
    },
  };
}

function parseSseBlock(block: string): { event: string; data: string } {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n') };
}
