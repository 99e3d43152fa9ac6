-- Task events (GET /v2/taskgroup/{id}/events): every task that reaches a terminal state gets the next
-- number of its group, assigned under a lock on the group row in the transaction that ends the task,
-- so a group's numbers are 1, 2, 3… without gaps and in commit order. A stream resumes by asking for
-- the numbers after the last one it saw. Portable SQL for H2 2.x and PostgreSQL 13+, like V1.

ALTER TABLE task_groups ADD COLUMN event_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE tasks ADD COLUMN event_number BIGINT;

-- Tasks that ended before this migration are numbered in the order they completed, so a stream of an
-- older group replays them too. A numbered copy first: a window function cannot be the value of an
-- UPDATE on either database, and a join on the copy's index keeps this linear in the number of tasks.
CREATE TABLE task_event_backfill AS
    SELECT id, ROW_NUMBER() OVER (PARTITION BY task_group_id ORDER BY completed_at, id) AS event_number
    FROM tasks
    WHERE status IN ('SUCCESS', 'FAILED', 'CANCELLED');
CREATE INDEX task_event_backfill_id ON task_event_backfill (id);
UPDATE tasks SET event_number = (SELECT b.event_number FROM task_event_backfill b WHERE b.id = tasks.id)
    WHERE status IN ('SUCCESS', 'FAILED', 'CANCELLED');
DROP TABLE task_event_backfill;

-- Unique: a number given twice in one group would be a bug, and must fail the transaction that gives
-- it rather than show a client two events with one id. Several NULLs (open tasks) are allowed on both
-- databases. V1's tasks_group stays although this index leads with the same column: H2 backs the
-- tasks -> task_groups foreign key with it and refuses to drop it.
CREATE UNIQUE INDEX tasks_group_event ON tasks (task_group_id, event_number);

UPDATE task_groups SET event_count = (SELECT COUNT(*) FROM tasks t
    WHERE t.task_group_id = task_groups.id AND t.event_number IS NOT NULL);
