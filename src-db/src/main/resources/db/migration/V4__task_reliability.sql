-- Reliability (retries, timeouts, cancellation, queue depth). Portable SQL for H2 2.x and PostgreSQL
-- 13+, like V1. The retry policy is stored as the client gave it so that the task document and any
-- later re-dispatch read the same values the worker got. Tasks from before this migration had one
-- attempt and no retries, which the defaults say.

ALTER TABLE tasks ADD COLUMN max_retries INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE tasks ADD COLUMN retry_backoff_s DOUBLE PRECISION DEFAULT 1 NOT NULL;
-- JSON array of exception names; null: errors are final
ALTER TABLE tasks ADD COLUMN retry_on TEXT;
-- null: the endpoint's default timeout
ALTER TABLE tasks ADD COLUMN timeout_s INTEGER;
-- the attempt the task is on now (1 for the first)
ALTER TABLE tasks ADD COLUMN attempt INTEGER DEFAULT 1 NOT NULL;
-- JSON array of {"attempt", "exception", "at"} for the failed attempts the worker retried; null: none
ALTER TABLE tasks ADD COLUMN attempts TEXT;

-- Messages in the endpoint's task queue as its connector last reported them; -1: not known
ALTER TABLE endpoints ADD COLUMN queued_tasks BIGINT DEFAULT -1 NOT NULL;
