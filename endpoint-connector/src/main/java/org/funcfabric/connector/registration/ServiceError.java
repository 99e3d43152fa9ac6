package org.funcfabric.connector.registration;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The error envelope the service answers every 4xx and 5xx with (API.md "Error envelope").
 *
 * @param status         always {@code Failed}
 * @param code           stable error code, e.g. {@code INVALID_AUTH_TOKEN}
 * @param reason         what went wrong
 * @param message        the same text, for Globus Compute clients
 * @param httpStatusCode the HTTP status repeated
 */
public record ServiceError(@JsonbProperty("status") String status,
                           @JsonbProperty("code") String code,
                           @JsonbProperty("reason") String reason,
                           @JsonbProperty("message") String message,
                           @JsonbProperty("http_status_code") Integer httpStatusCode) {
}
