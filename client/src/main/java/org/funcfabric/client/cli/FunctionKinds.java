package org.funcfabric.client.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.funcfabric.client.model.ShellCode;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.SerializedBuffers;

/** What people call the kinds of function code, and a readable account of a function's code. */
final class FunctionKinds {
    private static final Set<String> PYTHON = Set.of("st", "sd", "01", "02", "03", "04", "10", "12");

    private FunctionKinds() {
    }

    /** {@code shell}, {@code java}, {@code python}, or the header itself for anything else. */
    static String kind(String header) {
        if (ShellCode.HEADER.equals(header)) {
            return "shell";
        }
        if (JavaFunctionCode.HEADER.equals(header)) {
            return "java";
        }
        return PYTHON.contains(header) ? "python" : String.valueOf(header);
    }

    /** The command of a shell function, the class and jar of a Java one, the source of a Python one. */
    static String describe(String functionCode) {
        String buffer = SerializedBuffers.isPacked(functionCode)
                ? SerializedBuffers.unpack(functionCode).get(0) : functionCode;
        String header;
        try {
            header = SerializedBuffers.header(buffer);
        } catch (RuntimeException notABuffer) {
            return functionCode.length() + " characters, not in the buffer format";
        }
        String body = SerializedBuffers.body(buffer);
        return switch (header) {
            case ShellCode.HEADER -> body;
            case JavaFunctionCode.HEADER -> {
                // The service checked the jar against its limit already.
                JavaFunctionCode java = JavaFunctionCode.parse(body, Integer.MAX_VALUE);
                yield "class " + java.className() + " in a jar of " + java.jarBytes().length + " bytes (sha256 "
                        + java.sha256() + ")";
            }
            case "st", "sd" -> {
                String nameAndSource = new String(Base64.getMimeDecoder().decode(body.strip()), StandardCharsets.UTF_8);
                yield nameAndSource.substring(nameAndSource.indexOf(':') + 1);
            }
            default -> header + " buffer of " + body.length() + " characters";
        };
    }
}
