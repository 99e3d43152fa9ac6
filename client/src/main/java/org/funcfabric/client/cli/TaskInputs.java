package org.funcfabric.client.cli;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.funcfabric.client.Json;
import org.funcfabric.client.WireFormat;
import org.funcfabric.protocol.JavaFunctionCode;

/**
 * Command-line arguments and input lines as task payloads. Java functions take one input; every other
 * kind takes args and kwargs, as API.md "FuncFabric function kinds" describes.
 */
final class TaskInputs {
    private TaskInputs() {
    }

    /**
     * A command-line value: JSON when it parses as JSON ({@code 3}, {@code true}, {@code [1,2]},
     * {@code "x"}), otherwise the text itself as a string, so {@code name=Ada} needs no quotes.
     */
    static Object value(String text) {
        JsonValue json = strictJson(text);
        return json == null ? text : toJava(json);
    }

    /** {@code KEY=VALUE} pairs as kwargs, in order; values as {@link #value}. */
    static Map<String, Object> kwargs(List<String> pairs) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--arg takes KEY=VALUE, got '" + pair + "'");
            }
            kwargs.put(pair.substring(0, eq), value(pair.substring(eq + 1)));
        }
        return kwargs;
    }

    /**
     * The payload of one call: a Java function ({@code header} {@code jv}) gets its single
     * {@code --input}; others get the inputs as args and the pairs as kwargs.
     */
    static String call(String header, List<String> inputs, List<String> pairs) {
        if (JavaFunctionCode.HEADER.equals(header)) {
            if (inputs.size() != 1 || !pairs.isEmpty()) {
                throw new CliException("a Java function takes exactly one --input VALUE and no --arg");
            }
            return WireFormat.javaCall(value(inputs.get(0)));
        }
        return WireFormat.payload(inputs.stream().map(TaskInputs::value).toList(), kwargs(pairs));
    }

    /**
     * The payload of one line of a JSONL inputs file: a Java function's input; for other kinds an
     * object is the kwargs, an array the args, and any other value the single positional argument.
     *
     * @param lineNumber for the error message
     */
    static String line(String header, String line, int lineNumber) {
        JsonValue json = strictJson(line);
        if (json == null) {
            throw new CliException("line " + lineNumber + " is not one JSON value: " + line);
        }
        Object value = toJava(json);
        if (JavaFunctionCode.HEADER.equals(header)) {
            return WireFormat.javaCall(value);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kwargs = new LinkedHashMap<>();
            map.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
            return WireFormat.payload(List.of(), kwargs);
        }
        if (value instanceof List<?> args) {
            return WireFormat.payload(args, Map.of());
        }
        return WireFormat.payload(Collections.singletonList(value), Map.of());
    }

    /** {@code text} as exactly one JSON value, or null when it is not. */
    private static JsonValue strictJson(String text) {
        try (JsonParser parser = jakarta.json.Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return null;
            }
            parser.next();
            JsonValue value = parser.getValue();
            return parser.hasNext() ? null : value;
        } catch (JsonException notJson) {
            return null;
        }
    }

    private static Object toJava(JsonValue json) {
        return json == JsonValue.NULL ? null : Json.DATA.fromJson(json.toString(), Object.class);
    }
}
