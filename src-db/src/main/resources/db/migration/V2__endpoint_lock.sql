-- Remote lock of an endpoint (POST /v3/endpoints/{id}/lock): until this time (epoch ms) the service
-- refuses submissions to it and its re-registration with 423 RESOURCE_LOCKED. Null when not locked.
-- Portable SQL for H2 2.x and PostgreSQL 13+, like V1.

ALTER TABLE endpoints ADD COLUMN locked_until BIGINT;

