import { randomUUID } from 'node:crypto';
import {
  Language,
  MAX_RUN_WAIT_SECONDS,
  MAX_SOURCE_BYTES,
  MAX_STDIN_BYTES,
  type CreateRunRequest,
  type CreateSubmissionRequest,
  type JobAccepted,
  type RunResult,
  type SubmissionList,
  type SubmissionListQuery,
  type SubmissionView,
} from '@corazy/contracts';
import {
  AppError,
  badRequest,
  notFound,
  tooManyRequests,
  type Identity,
  type Logger,
} from '@corazy/service-kit';
import type { RateLimiter } from '@corazy/shared-state';
import { decodeCursor, encodeCursor } from './cursor.js';
import { followJob, type LiveResults } from './live-results.js';
import { byTestOrder } from './problem-folder.js';
import { RUN_TEST_ID } from './job-messages.js';
import type { JobKind, JobRecord, JobRepository, NewJob, ProblemRepository } from './ports.js';
import { runResult, submissionSummary, submissionView } from './views.js';

/** What one account may have graded: signed-in users and guests get their own. */
export interface JobCaps {
  /** Jobs not yet done; one more is refused with 429 QUEUE_LIMIT_REACHED. */
  maxActive: number;
  /** Accepted jobs per minute; one more is refused with 429 RATE_LIMITED. Refusals take nothing. */
  perMinute: RateLimiter;
}

export interface JobPolicy {
  member: JobCaps;
  guest: JobCaps;
  /** What Retry-After says when that cap is reached: about how long a job takes. */
  activeCapRetryAfterMs: number;
  /** How often a follower re-reads the store, in case it missed an event. */
  refreshMs: number;
}

/** Accepting submissions and runs, and reading them back. Grading itself happens in the workers. */
export class Jobs {
  constructor(
    private readonly problems: ProblemRepository,
    private readonly jobs: JobRepository,
    private readonly live: LiveResults,
    private readonly policy: JobPolicy,
    /** Called once a job is stored, so that dispatching looks at it without waiting for a pass. */
    private readonly stored: () => void,
    private readonly logger: Logger,
  ) {}

  async submit(identity: Identity, request: CreateSubmissionRequest): Promise<JobAccepted> {
    assertSize('source', request.source, MAX_SOURCE_BYTES);
    const language = parseLanguage(request.language);
    const problem = await this.problems.find(request.problem);
    if (!problem) throw notFound('problem');
    if (!problem.languages.includes(language)) {
      throw new AppError('LANGUAGE_UNSUPPORTED', `${problem.slug} cannot be solved in ${language}`, {
        supported: problem.languages,
      });
    }
    const tests = (await this.problems.tests(problem.id))
      .filter((test) => request.mode === 'full' || test.sample)
      .sort(byTestOrder);
    if (tests.length === 0)
      throw badRequest(`${problem.slug} has no ${request.mode === 'sample' ? 'sample ' : ''}tests`);
    return this.store(identity, {
      id: randomUUID(),
      kind: 'submission',
      userId: identity.userId,
      language,
      source: request.source,
      problemId: problem.id,
      mode: request.mode,
      roomId: request.roomId,
      testPlan: tests.map((test) => ({ id: test.name, sample: test.sample })),
    });
  }

  async run(identity: Identity, request: CreateRunRequest): Promise<JobAccepted> {
    assertSize('source', request.source, MAX_SOURCE_BYTES);
    assertSize('stdin', request.stdin, MAX_STDIN_BYTES);
    const language = parseLanguage(request.language);
    return this.store(identity, {
      id: randomUUID(),
      kind: 'run',
      userId: identity.userId,
      language,
      source: request.source,
      stdin: request.stdin,
      testPlan: [{ id: RUN_TEST_ID, sample: true }],
    });
  }

  private async store(identity: Identity, job: NewJob): Promise<JobAccepted> {
    const caps = identity.role === 'GUEST' ? this.policy.guest : this.policy.member;
    const charged = await this.charge(caps.perMinute, identity.userId);
    let outcome;
    try {
      outcome = await this.jobs.create(job, caps.maxActive);
    } catch (error) {
      if (charged) await this.refund(caps.perMinute, identity.userId);
      throw error;
    }
    if (!outcome.created) {
      // A refused job is no run: it must not use up the budget of the ones the user may still make.
      if (charged) await this.refund(caps.perMinute, identity.userId);
      throw tooManyRequests(
        this.policy.activeCapRetryAfterMs,
        'QUEUE_LIMIT_REACHED',
        `${outcome.active} of your jobs are still waiting for a result; at most ${caps.maxActive} may`,
      );
    }
    this.stored();
    return { id: job.id, status: 'queued' };
  }

  /** Takes a point of the user's budget; false when Redis is away and the job is admitted regardless. */
  private async charge(limiter: RateLimiter, userId: string): Promise<boolean> {
    let decision;
    try {
      decision = await limiter.consume(userId);
    } catch (error) {
      // Redis being away is no reason to refuse work; the per-user cap on queued jobs still holds.
      this.logger.warn({ err: error }, 'job rate limiter unavailable; admitting');
      return false;
    }
    if (!decision.allowed) {
      // Refused requests take nothing either: hammering past the limit does not push its end back.
      await this.refund(limiter, userId);
      throw tooManyRequests(decision.retryAfterMs, 'RATE_LIMITED', 'too many submissions; wait a little');
    }
    return true;
  }

  private async refund(limiter: RateLimiter, userId: string) {
    await limiter.refund(userId).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not give a rate-limit point back');
    });
  }

  async submission(identity: Identity, id: string): Promise<SubmissionView> {
    const record = this.authorize(identity, 'submission', await this.find(id));
    return submissionView(record, { revealHidden: identity.role === 'ADMIN', includeSource: true });
  }

  async listSubmissions(identity: Identity, query: SubmissionListQuery): Promise<SubmissionList> {
    const mineOnly = identity.role !== 'ADMIN' || query.mine === '1' || query.mine === 'true';
    let problemId: string | undefined;
    if (query.problem) {
      const problem = await this.problems.find(query.problem);
      if (!problem) return { items: [], nextCursor: null };
      problemId = problem.id;
    }
    const after = query.cursor ? decodeCursor(query.cursor, isJobCursor) : undefined;
    const records = await this.jobs.list(
      { userId: mineOnly ? identity.userId : undefined, problemId, roomId: query.roomId },
      after,
      query.limit + 1,
    );
    const page = records.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(submissionSummary),
      nextCursor:
        records.length > query.limit && last
          ? encodeCursor({ createdAt: last.createdAt, id: last.id })
          : null,
    };
  }

  /**
   * A run's result, holding the request up to `waitSeconds` (capped) while it is not done. Resolves
   * early, with what is known then, when `signal` aborts (the service is stopping).
   */
  async runResult(
    identity: Identity,
    id: string,
    waitSeconds: number,
    signal: AbortSignal,
  ): Promise<RunResult> {
    if (!isUuid(id)) throw notFound('run');
    const waitMs = Math.min(waitSeconds, MAX_RUN_WAIT_SECONDS) * 1000;
    const timeout = AbortSignal.timeout(Math.max(1, waitMs));
    const record = await followJob({
      jobId: id,
      live: this.live,
      load: () => this.jobs.find(id),
      refreshMs: this.policy.refreshMs,
      signal: waitMs > 0 ? AbortSignal.any([signal, timeout]) : AbortSignal.abort(),
      onStart: (first) => void this.authorize(identity, 'run', first),
      onUpdate: () => undefined,
    });
    // An aborted follow may end before the first read; the store answers then.
    const final = record ?? this.authorize(identity, 'run', await this.find(id));
    return runResult(final);
  }

  /** A job as the store has it, for streams that authorize before following. */
  async find(id: string): Promise<JobRecord | undefined> {
    return isUuid(id) ? this.jobs.find(id) : undefined;
  }

  /** Only the owner and administrators see a job; to anyone else it does not exist. */
  authorize(identity: Identity, kind: JobKind, record: JobRecord | undefined): JobRecord {
    if (!record || record.kind !== kind || (record.userId !== identity.userId && identity.role !== 'ADMIN'))
      throw notFound(kind);
    return record;
  }
}

export function parseLanguage(value: string): Language {
  const parsed = Language.safeParse(value);
  if (!parsed.success)
    throw new AppError('LANGUAGE_UNSUPPORTED', `unknown language ${JSON.stringify(value)}`, {
      supported: Language.options,
    });
  return parsed.data;
}

function assertSize(field: string, value: string, limit: number) {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > limit)
    throw new AppError('PAYLOAD_TOO_LARGE', `${field} is ${bytes} bytes; at most ${limit} are allowed`, {
      field,
      bytes,
      limit,
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

const isJobCursor = (value: unknown): value is { createdAt: string; id: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { createdAt?: unknown }).createdAt === 'string' &&
  !Number.isNaN(Date.parse((value as { createdAt: string }).createdAt)) &&
  typeof (value as { id?: unknown }).id === 'string' &&
  isUuid((value as { id: string }).id);
