-- Fair dispatch (docs/grading.md): a job is handed to the broker only while fewer than the dispatch
-- window are out, and the job chosen is the one whose owner has the fewest out, then the one whose
-- owner was served longest ago. "Out" means dispatched (its outbox entry claimed for publishing) and
-- not yet done.
ALTER TABLE compile.jobs ADD COLUMN dispatched_at timestamptz;
CREATE INDEX jobs_out ON compile.jobs (user_id) WHERE status <> 'done' AND dispatched_at IS NOT NULL;
CREATE INDEX jobs_user_dispatched ON compile.jobs (user_id, dispatched_at);
