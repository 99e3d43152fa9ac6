-- Endpoint security: the generation of the endpoint's broker credential (EndpointCredentials), raised
-- each time the credential is revoked (lock), and the groups whose members may use the endpoint.
-- The credential's secret is derived from a key the database never sees. Portable SQL for H2 2.x and
-- PostgreSQL 13+, like V1.

ALTER TABLE endpoints ADD COLUMN credential_generation INTEGER DEFAULT 1 NOT NULL;

CREATE TABLE endpoint_groups (
    endpoint_id VARCHAR(36) NOT NULL REFERENCES endpoints (id),
    group_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (endpoint_id, group_id)
);
