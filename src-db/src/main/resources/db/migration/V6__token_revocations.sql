-- Revoked bearer tokens (POST /v2/admin/token_revocations): one token by its jti, or every token of a
-- user (sub) issued before a time (epoch seconds, compared with the token's iat). The service keeps
-- the whole list in memory and checks it on every authenticated request. Portable SQL for H2 2.x and
-- PostgreSQL 13+, like V1.

CREATE TABLE token_revocations (
    id VARCHAR(36) PRIMARY KEY,
    jti VARCHAR(255),
    subject VARCHAR(255),
    issued_before BIGINT,
    revoked_at BIGINT NOT NULL,
    CHECK ((jti IS NOT NULL AND subject IS NULL AND issued_before IS NULL)
        OR (jti IS NULL AND subject IS NOT NULL AND issued_before IS NOT NULL))
);
