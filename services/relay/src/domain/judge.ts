import type {
  CreateSubmissionRequest,
  Dictation,
  Difficulty,
  Language,
  ProblemDetail,
  SubmissionTestResult,
  SubmissionView,
} from '@corazy/contracts';
import type { Identity } from '@corazy/service-kit';

/** The compile service as the relay needs it: problems, and judging a player's code. */
export interface Judge {
  problem(
    choice: { slug: string } | { language: Language; difficulty: Difficulty | null },
  ): Promise<ProblemDetail>;
  dictation(id: string): Promise<Dictation>;
  /** Queues a submission as `identity`; answers its id. */
  submit(identity: Identity, request: CreateSubmissionRequest): Promise<string>;
  /** Follows a submission to its end: each test as it finishes, then the final view. */
  follow(
    identity: Identity,
    submissionId: string,
    onTest: (test: SubmissionTestResult) => Promise<void>,
  ): Promise<SubmissionView>;
}
