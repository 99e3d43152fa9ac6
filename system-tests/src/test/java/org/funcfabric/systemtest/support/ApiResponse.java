package org.funcfabric.systemtest.support;

import java.io.StringReader;
import java.util.NoSuchElementException;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.JsonValue;

/** One HTTP answer of the service: status and body, with the body read as JSON on demand. */
public record ApiResponse(String request, int status, String contentType, String body) {

    /**
     * The body as JSON.
     *
     * @throws AssertionError when it is not JSON, naming the request and showing the body
     */
    public JsonValue json() {
        // A parser, not a JsonReader: Parsson's reader stops after the first value, so "1.0.0" would
        // read as 1.0; the whole body must be one JSON value.
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonParsingException("content after the JSON value", parser.getLocation());
            }
            return value;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new AssertionError(request + " answered " + status + " with a body that is not JSON (" + e.getMessage()
                    + "): " + shortBody(), e);
        }
    }

    public JsonObject object() {
        JsonValue v = json();
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionError(request + " answered " + status + " with JSON that is not an object: " + shortBody());
        }
        return v.asJsonObject();
    }

    /** The body, cut to a length that reads well in an assertion message. */
    public String shortBody() {
        return body.length() <= 600 ? body : body.substring(0, 600) + "… (" + body.length() + " chars)";
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + shortBody();
    }
}
