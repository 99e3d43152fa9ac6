package org.funcfabric.core.common;

/**
 * The stable error codes of the REST API (API.md "Error envelope"), each with its HTTP status. The
 * same codes appear in log lines, so an operator can match a client's report to the server's log.
 */
public enum ErrorCode {
    USER_UNAUTHENTICATED(401),
    INVALID_AUTH_TOKEN(401),
    INSUFFICIENT_AUTH_SCOPE(403),
    FUNCTION_NOT_FOUND(404),
    ENDPOINT_NOT_FOUND(404),
    TASK_NOT_FOUND(404),
    TASK_GROUP_NOT_FOUND(404),
    ROUTE_NOT_FOUND(404),
    FUNCTION_ACCESS_FORBIDDEN(403),
    ENDPOINT_ACCESS_FORBIDDEN(403),
    TASK_GROUP_ACCESS_FORBIDDEN(403),
    FUNCTION_NOT_PERMITTED(403),
    REQUEST_MALFORMED(400),
    REQUEST_KEY_ERROR(400),
    INVALID_UUID(400),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    RESOURCE_CONFLICT(409),
    TASK_PAYLOAD_TOO_LARGE(413),
    FUNCTION_TOO_LARGE(413),
    BATCH_RUN_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    SEMANTICALLY_INVALID(422),
    RESOURCE_LOCKED(423),
    MAX_REQUESTS_EXCEEDED(429),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
