package org.funcfabric.client.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.funcfabric.protocol.JavaFunctionCode;

/**
 * The body of {@code POST /v3/functions}. The factories build the {@code function_code} of
 * FuncFabric's function kinds (API.md "FuncFabric function kinds", "Serialized buffers").
 *
 * @param functionName a name for people; need not be unique
 * @param functionCode one serialized code buffer, bare ({@code "sh\n…"}) or packed
 * @param description  optional
 * @param meta         optional; what the Globus Compute SDK sends ({@code serde_identifier}, …)
 * @param isPublic     usable by everyone when true
 * @param group        optional group id whose members may use the function
 */
public record FunctionRegistration(String functionName, String functionCode, String description,
                                   Map<String, Object> meta, @JsonbProperty("public") Boolean isPublic,
                                   String group) {

    /** A function from a ready-made code buffer. */
    public static FunctionRegistration of(String name, String functionCode) {
        return new FunctionRegistration(name, functionCode, null, null, null, null);
    }

    /**
     * A shell command template: {@code {name}} placeholders are filled from the task's kwargs,
     * {@code {0}}, {@code {1}}… from its args, each value shell-quoted.
     *
     * @param walltimeSeconds null for no limit; on expiry the result has return code 124
     */
    public static FunctionRegistration shell(String name, String cmd, Integer walltimeSeconds) {
        return of(name, ShellCode.of(cmd, walltimeSeconds).buffer());
    }

    /** A Python function {@code name} defined in {@code source} (the {@code st} header). */
    public static FunctionRegistration python(String name, String source) {
        String body = Base64.getEncoder().encodeToString((name + ":" + source).getBytes(StandardCharsets.UTF_8));
        return of(name, "st\n" + body);
    }

    /**
     * A class implementing {@code java.util.function.Function} in a jar (the {@code jv} header), named
     * after the class's simple name.
     */
    public static FunctionRegistration java(String className, byte[] jar) {
        return of(className.substring(className.lastIndexOf('.') + 1), JavaFunctionCode.of(className, jar).buffer());
    }

    public FunctionRegistration withName(String name) {
        return new FunctionRegistration(name, functionCode, description, meta, isPublic, group);
    }

    public FunctionRegistration withDescription(String text) {
        return new FunctionRegistration(functionName, functionCode, text, meta, isPublic, group);
    }
}
