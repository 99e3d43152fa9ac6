package org.funcfabric.systemtest.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.funcfabric.protocol.SerializedBuffers;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Test data in the Globus Compute wire format (API.md "Serialized buffers"): function code, task
 * payloads, and the decoding of results. Python's dill is decoded by Debian's interpreter, the one
 * the worker uses.
 */
public final class Buffers {
    static final String PYTHON = "/usr/bin/python3";
    private static final String DILL_TO_JSON = "import base64, json, sys, dill\n"
            + "print(json.dumps(dill.loads(base64.b64decode(sys.stdin.read()))))\n";

    private Buffers() {
    }

    /** A shell function, {@code sh\n{"cmd": ..., "walltime": ...}}; {@code walltime} may be null. */
    public static String shellFunction(String cmd, Integer walltime) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("cmd", cmd);
        if (walltime == null) {
            body.addNull("walltime");
        } else {
            body.add("walltime", walltime);
        }
        return "sh\n" + body.build();
    }

    /** A Python function from source, {@code st\n} + base64 of {@code "name:source"}. */
    public static String pythonFunction(String name, String source) {
        return "st\n" + Base64.getEncoder().encodeToString((name + ":" + source).getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    /** A task payload: {@code pack([ser(args), ser(kwargs)])}, both JSON ({@code 11}). */
    public static String payload(List<?> args, Map<String, ?> kwargs) {
        return SerializedBuffers.pack(
                "11\n" + Json.createArrayBuilder(args).build(),
                "11\n" + Json.createObjectBuilder(kwargs).build());
    }

    public static String args(Object... args) {
        return payload(List.of(args), Map.of());
    }

    public static String kwargs(Map<String, ?> kwargs) {
        return payload(List.of(), kwargs);
    }

    /** A result buffer as JSON: {@code 11} read directly, {@code 00} (dill) through Python. */
    public static JsonValue decodeResult(String buffer) {
        if (buffer == null || buffer.length() < 3 || buffer.charAt(2) != '\n') {
            throw new AssertionError("not a result buffer: " + buffer);
        }
        String body = buffer.substring(3);
        return switch (buffer.substring(0, 2)) {
            case "11" -> parse(body);
            case "00" -> parse(dillToJson(body));
            default -> throw new AssertionError("result buffer with unexpected header: " + buffer);
        };
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static String dillToJson(String base64) {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", DILL_TO_JSON).redirectErrorStream(true).start();
            p.getOutputStream().write(base64.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("decoding a dill result with " + PYTHON + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
