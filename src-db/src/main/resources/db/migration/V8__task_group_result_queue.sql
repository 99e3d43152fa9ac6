-- Whether a task group's results are also pushed to an AMQP queue: true once a submission to the group
-- asked for one (create_queue). The service publishes only the results of such groups, so the groups
-- of REST and SSE clients cost no broker channel per stored result. Portable SQL, like V1.

ALTER TABLE task_groups ADD COLUMN result_queue BOOLEAN DEFAULT FALSE NOT NULL;
