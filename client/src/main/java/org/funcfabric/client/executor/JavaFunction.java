package org.funcfabric.client.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.funcfabric.client.model.FunctionRegistration;

/**
 * A Java function to run remotely: a public class in a jar implementing
 * {@code java.util.function.Function<I, R>} with a public no-argument constructor. Inputs and results
 * travel as JSON, so {@code R} is what JSON-B makes of the function's output.
 *
 * @param <R> the result type
 */
public final class JavaFunction<R> {
    private final String className;
    private final Class<R> resultType;
    private final FunctionRegistration registration;

    private JavaFunction(String className, byte[] jar, Class<R> resultType) {
        this.className = className;
        this.resultType = resultType;
        this.registration = FunctionRegistration.java(className, jar);
    }

    /** The class {@code className} in the jar file {@code jar}, read now. */
    public static <R> JavaFunction<R> fromJar(Path jar, String className, Class<R> resultType) {
        try {
            return of(Files.readAllBytes(jar), className, resultType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jar " + jar, e);
        }
    }

    /** The class {@code className} in the jar {@code jar}. */
    public static <R> JavaFunction<R> of(byte[] jar, String className, Class<R> resultType) {
        return new JavaFunction<>(className, jar, resultType);
    }

    public String className() {
        return className;
    }

    public Class<R> resultType() {
        return resultType;
    }

    /** How the executor registers it: named after the class's simple name. */
    public FunctionRegistration registration() {
        return registration;
    }
}
