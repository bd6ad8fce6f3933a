import type {
  Checker,
  DictationInput,
  Difficulty,
  GradingFinal,
  GradingProgress,
  JobStatus,
  Language,
  LocalizedText,
  ProblemInput,
  SubmissionMode,
  TestOutcome,
  Verdict,
} from '@corazy/contracts';
import type { ProblemDefinition } from './problem-folder.js';

/** What the compile service's logic needs from storage; the SQL adapter implements it. */

export interface ProblemRecord {
  id: string;
  number: number;
  slug: string;
  title: LocalizedText;
  texts: ProblemInput['texts'];
  difficulty: Difficulty;
  tags: string[];
  languages: Language[];
  timeLimitMs: number;
  memoryLimitMb: number;
  checker: Checker;
  starterCode: Partial<Record<Language, string>>;
  extraMeta: Record<string, unknown>;
  origin: 'catalogue' | 'admin';
  version: number;
  updatedAt: string;
}

export interface TestCaseRecord {
  name: string;
  sample: boolean;
  inputBytes: number;
  outputBytes: number;
}

export interface ProblemFilter {
  tag?: string;
  difficulty?: Difficulty;
  language?: Language;
  q?: string;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

export interface ProblemRepository {
  /** In `number` order, after `afterNumber`. */
  list(filter: ProblemFilter, afterNumber: number, limit: number): Promise<ProblemRecord[]>;
  random(filter: ProblemFilter): Promise<ProblemRecord | undefined>;
  /** By slug, or by id when `slugOrId` is a UUID. */
  find(slugOrId: string): Promise<ProblemRecord | undefined>;
  tests(problemId: string): Promise<TestCaseRecord[]>;
  /** Test contents, in test order; only `names` when given. */
  readTests(
    problemId: string,
    names?: readonly string[],
  ): Promise<{ name: string; sample: boolean; input: Buffer; output: Buffer }[]>;
  /** The whole problem, tests and other files included, as a folder would hold it. */
  definition(problemId: string): Promise<ProblemDefinition | undefined>;
  /**
   * Creates or replaces a problem by slug, tests and files included, in one transaction. With
   * `seedHash`, a catalogue problem: skipped when its stored seed hash is the same.
   */
  save(definition: ProblemDefinition, origin: 'catalogue' | 'admin', seedHash?: string): Promise<SaveOutcome>;
  /** Creates a problem without tests; throws AlreadyExistsError on a taken slug. */
  create(input: ProblemInput): Promise<ProblemRecord>;
  /** Replaces the description (everything but tests and files); the slug may change. */
  update(id: string, input: ProblemInput): Promise<ProblemRecord | undefined>;
  putTest(
    problemId: string,
    test: { name: string; sample: boolean; input: Buffer; output: Buffer },
  ): Promise<void>;
  deleteTest(problemId: string, name: string): Promise<boolean>;
}

/** The store refused a grading event for what it holds (not for being away): retrying cannot help. */
export class UnstorableEventError extends Error {}

export class AlreadyExistsError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
  }
}

export interface DictationRecord extends DictationInput {
  id: string;
}

export interface DictationRepository {
  list(filter: { language?: Language; algorithm?: string }): Promise<DictationRecord[]>;
  find(id: string): Promise<DictationRecord | undefined>;
  /** Upsert by (algorithm, language) for the seed: skipped when the seed hash is unchanged. */
  seed(snippet: DictationInput, seedHash: string): Promise<SaveOutcome>;
  /** Throws AlreadyExistsError when (algorithm, language) is taken. */
  create(snippet: DictationInput): Promise<DictationRecord>;
  update(id: string, snippet: DictationInput): Promise<DictationRecord | undefined>;
  delete(id: string): Promise<boolean>;
}

export type JobKind = 'submission' | 'run';

export interface PlannedTest {
  id: string;
  sample: boolean;
}

export interface NewJob {
  id: string;
  kind: JobKind;
  userId: string;
  language: Language;
  source: string;
  problemId?: string;
  mode?: SubmissionMode;
  roomId?: string;
  stdin?: string;
  testPlan: PlannedTest[];
}

/** Display texts, and the exact bytes beside them when those are not text (stored so, in `run_output`). */
export type RunOutput = NonNullable<GradingFinal['run']>;

export interface JobRecord {
  id: string;
  kind: JobKind;
  userId: string;
  language: Language;
  source: string;
  stdin: string | null;
  problem: { id: string; slug: string; title: LocalizedText } | null;
  mode: SubmissionMode | null;
  roomId: string | null;
  testPlan: PlannedTest[];
  status: JobStatus;
  verdict: Verdict | null;
  compile: { ok: boolean; output: string } | null;
  /** Finished tests, keyed by test id. */
  tests: Map<string, TestOutcome>;
  runOutput: RunOutput | null;
  timeMs: number | null;
  memoryKb: number | null;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobListFilter {
  userId?: string;
  problemId?: string;
  roomId?: string;
}

export interface OutboxEntry {
  outboxId: number;
  jobId: string;
  /** Claims of this entry so far, this one included. */
  attempts: number;
}

export interface StuckJobs {
  /** Given another outbox entry, to be enqueued again. */
  requeued: string[];
  /** Out of attempts: finished with INTERNAL_ERROR. */
  failed: string[];
}

export interface JobRepository {
  /**
   * Stores the job and its outbox entry in one transaction, unless the user already has `activeCap`
   * jobs not done (counted under a per-user lock, so concurrent requests cannot overshoot). The entry
   * waits for `claimOutbox` to dispatch it.
   */
  create(job: NewJob, activeCap: number): Promise<{ created: true } | { created: false; active: number }>;
  find(id: string): Promise<JobRecord | undefined>;
  /** Submissions newest first, after the (createdAt, id) cursor. */
  list(
    filter: JobListFilter,
    after: { createdAt: string; id: string } | undefined,
    limit: number,
  ): Promise<JobRecord[]>;
  /**
   * Adds tests not yet known; nothing once the job is done. Pushes the deadline: the job is alive.
   * recordProgress and recordFinal throw UnstorableEventError for an event the store refuses.
   */
  recordProgress(event: GradingProgress, stallTimeoutMs: number): Promise<void>;
  /** Stores the final result unless one is stored already; true when this one was stored. */
  recordFinal(event: GradingFinal): Promise<boolean>;
  /**
   * Dispatches fairly: leases up to `limit` waiting entries, no more than keep `window` jobs out
   * (dispatched, not done), taking first the entries whose owners have the fewest jobs out, oldest
   * first. One replica decides at a time.
   */
  claimOutbox(limit: number, leaseMs: number, window: number): Promise<OutboxEntry[]>;
  /** After the broker's confirm: published, and the job gets a deadline for its result. */
  markPublished(entry: OutboxEntry, stallTimeoutMs: number): Promise<void>;
  /** Publishing failed: retried after `retryInMs`. */
  releaseOutbox(entry: OutboxEntry, error: string, retryInMs: number): Promise<void>;
  /** Unpublished entries, and the age of the oldest, for metrics. */
  outboxBacklog(): Promise<{ pending: number; oldestAgeMs: number }>;
  /**
   * Jobs past their deadline: each gets a new outbox entry while under `maxEnqueues`, or is finished
   * with INTERNAL_ERROR. Rows are locked with SKIP LOCKED, so one replica handles each.
   */
  handleStuck(maxEnqueues: number, limit: number): Promise<StuckJobs>;
  /** Deletes outbox entries published more than `olderThanMs` ago; returns how many. */
  pruneOutbox(olderThanMs: number): Promise<number>;
}
