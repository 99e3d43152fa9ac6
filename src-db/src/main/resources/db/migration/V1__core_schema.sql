-- FuncFabric core schema. Portable SQL for H2 2.x and PostgreSQL 13+: ids are UUID strings, times
-- are epoch milliseconds (BIGINT) so every hop can be subtracted without time-zone mapping, and
-- large serialized buffers are TEXT (H2 maps it to CLOB, PostgreSQL to text).

CREATE TABLE functions (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner           VARCHAR(255)  NOT NULL,
    name            VARCHAR(255)  NOT NULL,
    description     VARCHAR(4000),
    header          VARCHAR(2)    NOT NULL,
    code            TEXT          NOT NULL,
    metadata        TEXT,
    public_function BOOLEAN       NOT NULL,
    group_id        VARCHAR(36),
    created_at      BIGINT        NOT NULL,
    deleted_at      BIGINT
);
CREATE INDEX functions_owner ON functions (owner);

CREATE TABLE endpoints (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner             VARCHAR(255) NOT NULL,
    name              VARCHAR(255) NOT NULL,
    display_name      VARCHAR(255),
    metadata          TEXT,
    public_endpoint   BOOLEAN      NOT NULL,
    restricted        BOOLEAN      NOT NULL,
    reported_state    VARCHAR(16),
    last_heartbeat_at BIGINT,
    total_workers     INTEGER      NOT NULL,
    total_slots       INTEGER      NOT NULL,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    deleted_at        BIGINT,
    CONSTRAINT endpoints_owner_name UNIQUE (owner, name)
);

CREATE TABLE endpoint_allowed_functions (
    endpoint_id VARCHAR(36) NOT NULL REFERENCES endpoints (id),
    function_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (endpoint_id, function_id)
);

CREATE TABLE task_groups (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner      VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE TABLE tasks (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    task_group_id      VARCHAR(36)  NOT NULL REFERENCES task_groups (id),
    owner              VARCHAR(255) NOT NULL,
    function_id        VARCHAR(36)  NOT NULL REFERENCES functions (id),
    endpoint_id        VARCHAR(36)  NOT NULL REFERENCES endpoints (id),
    request_id         VARCHAR(36)  NOT NULL,
    payload            TEXT         NOT NULL,
    result_serializers TEXT,
    status             VARCHAR(24)  NOT NULL,
    result             TEXT,
    exception          TEXT,
    worker_id          VARCHAR(255),
    received_at        BIGINT       NOT NULL,
    dispatched_at      BIGINT,
    delivered_at       BIGINT,
    exec_start_at      BIGINT,
    exec_end_at        BIGINT,
    result_sent_at     BIGINT,
    completed_at       BIGINT
);
CREATE INDEX tasks_group ON tasks (task_group_id);
CREATE INDEX tasks_owner ON tasks (owner);
