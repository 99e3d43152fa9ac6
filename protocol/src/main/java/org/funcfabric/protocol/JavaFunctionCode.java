package org.funcfabric.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The body of a Java function's code buffer (header {@value #HEADER}): a jar and the name of a public
 * class in it that implements {@code java.util.function.Function<I, O>} and has a public no-argument
 * constructor. The jar travels base64-encoded inside the function; workers cache it by its SHA-256.
 *
 * <p>Example buffer: {@code jv\n{"class":"org.example.Square","jar":"UEsDB...","sha256":"9f86d0..."}}.
 *
 * @param className the implementing class, a binary name such as {@code org.example.Square}
 * @param jar       the jar file, base64 (RFC 4648, no line breaks)
 * @param sha256    lower-case hex SHA-256 of the decoded jar
 */
public record JavaFunctionCode(@JsonbProperty("class") String className, String jar, String sha256) {
    /** The two-character buffer header of Java functions. */
    public static final String HEADER = "jv";

    private static final String BINARY_CLASS_NAME =
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*(\\$\\p{javaJavaIdentifierPart}+)*";

    /** The function for {@code className} in the jar {@code jarBytes}. */
    public static JavaFunctionCode of(String className, byte[] jarBytes) {
        return new JavaFunctionCode(className, Base64.getEncoder().encodeToString(jarBytes), sha256Of(jarBytes));
    }

    /** The unpacked buffer, {@code "jv\n{json}"}. */
    public String buffer() {
        return HEADER + "\n" + ProtocolJson.toJson(this);
    }

    /**
     * Reads and checks the body of a {@code jv} buffer (the text after {@code "jv\n"}): a valid class
     * name, a base64 jar of at most {@code maxJarBytes}, and a SHA-256 that matches when given. A body
     * without {@code sha256} gets the computed one.
     *
     * @throws ProtocolException with a message fit for the user when any of that does not hold
     */
    public static JavaFunctionCode parse(String body, long maxJarBytes) {
        JavaFunctionCode code = ProtocolJson.fromJson(body, JavaFunctionCode.class);
        if (code.className() == null || !code.className().matches(BINARY_CLASS_NAME)) {
            throw new ProtocolException("a Java function needs \"class\": the binary name of a class implementing"
                    + " java.util.function.Function, e.g. \"org.example.Square\"");
        }
        if (code.jar() == null || code.jar().isEmpty()) {
            throw new ProtocolException("a Java function needs \"jar\": the jar file, base64-encoded");
        }
        if ((long) code.jar().length() / 4 * 3 > maxJarBytes + 2) {
            throw new ProtocolException("the jar is larger than the limit of " + maxJarBytes + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(code.jar());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("\"jar\" is not base64: " + e.getMessage());
        }
        if (bytes.length > maxJarBytes) {
            throw new ProtocolException("the jar of " + bytes.length + " bytes exceeds the limit of " + maxJarBytes + " bytes");
        }
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            throw new ProtocolException("\"jar\" is not a jar (zip) file");
        }
        String actual = sha256Of(bytes);
        if (code.sha256() != null && !code.sha256().equalsIgnoreCase(actual)) {
            throw new ProtocolException("\"sha256\" does not match the jar: it is " + actual);
        }
        return new JavaFunctionCode(code.className(), code.jar(), actual);
    }

    /** The decoded jar. */
    public byte[] jarBytes() {
        return Base64.getDecoder().decode(jar);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java SE has SHA-256", e);
        }
    }
}
