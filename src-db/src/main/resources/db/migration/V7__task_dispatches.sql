-- Submissions whose task messages may not have reached the broker yet. A submission stores its tasks
-- and one row here in one transaction; after the commit the service sends the tasks' messages and
-- deletes the row. A row that outlives fabric.tasks.redispatch-after-s (the send failed, or the service
-- stopped between the commit and the send) has its open tasks sent again by the service. Portable SQL
-- for H2 2.x and PostgreSQL 13+, like V1.

CREATE TABLE task_dispatches (
    request_id VARCHAR(36) PRIMARY KEY,
    stored_at BIGINT NOT NULL
);
CREATE INDEX task_dispatches_stored_at ON task_dispatches (stored_at);
CREATE INDEX tasks_request ON tasks (request_id);
