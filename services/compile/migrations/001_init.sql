-- Test data, compressed and addressed by content: a test shared by problems, or kept across edits
-- and re-seeds, is stored once, and problem rows stay small however large their tests are.
CREATE TABLE compile.blobs (
  hash text PRIMARY KEY, -- sha256 of the uncompressed bytes, hex
  size integer NOT NULL, -- uncompressed bytes
  encoding text NOT NULL CHECK (encoding IN ('identity', 'gzip')),
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Blobs are compressed already: PostgreSQL's own TOAST compression would only spend CPU on them.
ALTER TABLE compile.blobs ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE compile.problems (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Display number and the list's keyset order: stable, in the order problems were added.
  number serial UNIQUE,
  slug text NOT NULL UNIQUE,
  title_ko text NOT NULL,
  title_en text NOT NULL,
  statement_ko text NOT NULL,
  statement_en text NOT NULL,
  input_ko text NOT NULL,
  input_en text NOT NULL,
  output_ko text NOT NULL,
  output_en text NOT NULL,
  difficulty text NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
  tags text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL,
  time_limit_ms integer NOT NULL,
  memory_limit_mb integer NOT NULL,
  checker jsonb NOT NULL,
  starter_code jsonb NOT NULL DEFAULT '{}',
  -- problem.json keys we do not interpret (e.g. `wrong`), kept so an export gives back what came in.
  extra_meta jsonb NOT NULL DEFAULT '{}',
  -- 'catalogue' rows are re-seeded when their folder changes; 'admin' rows only change through the API.
  origin text NOT NULL CHECK (origin IN ('catalogue', 'admin')),
  -- Hash of the catalogue folder last applied; the seed skips a folder whose hash is unchanged, so
  -- an administrator's edit of a catalogue problem lasts until the folder itself changes.
  seed_hash text,
  -- Hash of the folder this problem was last saved from as a whole (seed or import); NULL after a
  -- piecemeal edit. An import of the same folder again is then known to change nothing.
  content_hash text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX problems_tags ON compile.problems USING gin (tags);

CREATE TABLE compile.test_cases (
  problem_id uuid NOT NULL REFERENCES compile.problems (id) ON DELETE CASCADE,
  name text NOT NULL,
  is_sample boolean NOT NULL,
  input_hash text NOT NULL REFERENCES compile.blobs (hash),
  output_hash text NOT NULL REFERENCES compile.blobs (hash),
  PRIMARY KEY (problem_id, name)
);
CREATE INDEX test_cases_input ON compile.test_cases (input_hash);
CREATE INDEX test_cases_output ON compile.test_cases (output_hash);

-- Other files of a problem folder (reference and wrong solutions, generators): never shown to
-- players, kept so that an export is the whole folder.
CREATE TABLE compile.problem_files (
  problem_id uuid NOT NULL REFERENCES compile.problems (id) ON DELETE CASCADE,
  path text NOT NULL,
  blob_hash text NOT NULL REFERENCES compile.blobs (hash),
  PRIMARY KEY (problem_id, path)
);
CREATE INDEX problem_files_blob ON compile.problem_files (blob_hash);

CREATE TABLE compile.dictations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  language text NOT NULL,
  algorithm text NOT NULL,
  title_ko text NOT NULL,
  title_en text NOT NULL,
  explanation_ko text NOT NULL,
  explanation_en text NOT NULL,
  code text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('catalogue', 'admin')),
  seed_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (algorithm, language)
);

-- Submissions (graded against a problem's tests) and runs (the user's own stdin), one table: both are
-- grading jobs, share the outbox, the result consumer and the stuck-job watchdog.
CREATE TABLE compile.jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('submission', 'run')),
  user_id text NOT NULL,
  problem_id uuid REFERENCES compile.problems (id),
  mode text CHECK (mode IN ('sample', 'full')),
  room_id text,
  language text NOT NULL,
  source text NOT NULL,
  stdin text,
  -- The tests this job runs, fixed when it was submitted: [{"id": name, "sample": bool}].
  test_plan jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('queued', 'judging', 'done')),
  verdict text,
  compile_ok boolean,
  compile_output text,
  run_output jsonb,
  time_ms integer,
  memory_kb integer,
  message text,
  -- Times the job was handed to the queue (the first publish and each re-enqueue).
  enqueue_count integer NOT NULL DEFAULT 0,
  -- No result by then, with nothing waiting in the queue: the watchdog enqueues the job again.
  deadline_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_user ON compile.jobs (user_id, kind, created_at DESC, id DESC);
CREATE INDEX jobs_room ON compile.jobs (room_id, created_at DESC) WHERE room_id IS NOT NULL;
CREATE INDEX jobs_active_user ON compile.jobs (user_id) WHERE status <> 'done';
CREATE INDEX jobs_deadline ON compile.jobs (deadline_at) WHERE status <> 'done';

-- Per-test results as they arrive (progress), then as the final result has them.
CREATE TABLE compile.job_tests (
  job_id uuid NOT NULL REFERENCES compile.jobs (id) ON DELETE CASCADE,
  test_id text NOT NULL,
  verdict text NOT NULL,
  time_ms integer NOT NULL,
  memory_kb integer NOT NULL,
  message text,
  PRIMARY KEY (job_id, test_id)
);

-- Transactional outbox: written in the transaction that stores the job, published to the broker by a
-- relay loop, marked published after the broker's confirm. A row is claimed for a short lease, so a
-- replica that dies mid-publish leaves it to another once the lease ends.
CREATE TABLE compile.outbox (
  id bigserial PRIMARY KEY,
  job_id uuid NOT NULL REFERENCES compile.jobs (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  published_at timestamptz
);
CREATE INDEX outbox_pending ON compile.outbox (available_at, id) WHERE published_at IS NULL;
