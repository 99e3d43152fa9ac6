package org.funcfabric.systemtest.support;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The API.md error envelope: {@code status, code, reason, message, http_status_code}. */
public final class ErrorEnvelope {
    private ErrorEnvelope() {
    }

    /** Asserts the HTTP status, a JSON envelope with every field, and a code among {@code codes}. */
    public static JsonObject assertError(ApiResponse r, int httpStatus, String... codes) {
        assertEquals(httpStatus, r.status(), () -> "HTTP status of " + r);
        assertTrue(r.contentType().startsWith("application/json"), () -> "Content-Type " + r.contentType() + " of " + r);
        JsonObject e = r.object();
        assertAll("error envelope of " + r,
                () -> assertEquals("Failed", string(e, "status"), "status"),
                () -> assertTrue(Set.of(codes).contains(string(e, "code")), "code, expected one of " + Set.of(codes)),
                () -> assertFalse(string(e, "reason").isBlank(), "reason"),
                () -> assertFalse(string(e, "message").isBlank(), "message"),
                () -> assertEquals(httpStatus, number(e, "http_status_code"), "http_status_code"));
        return e;
    }

    private static String string(JsonObject e, String field) {
        JsonValue v = e.get(field);
        if (!(v instanceof JsonString s)) {
            throw new AssertionError("field " + field + " is not a string: " + v);
        }
        return s.getString();
    }

    private static int number(JsonObject e, String field) {
        JsonValue v = e.get(field);
        if (!(v instanceof JsonNumber n)) {
            throw new AssertionError("field " + field + " is not a number: " + v);
        }
        return n.intValueExact();
    }
}
