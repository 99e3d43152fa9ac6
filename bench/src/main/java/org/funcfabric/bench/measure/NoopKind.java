package org.funcfabric.bench.measure;

import java.util.List;
import java.util.Map;

import org.funcfabric.client.WireFormat;
import org.funcfabric.client.executor.JavaFunction;
import org.funcfabric.client.model.FunctionRegistration;

/**
 * The no-op function of each function kind: what a task costs when the function does nothing. The
 * key prefix names the kind in the figures ({@code py_tput}, {@code sh_lat_sse_p50_ms}…).
 */
public enum NoopKind {
    /** {@code def noop(x): return x}, run by the worker's Python (dill), result as JSON. */
    PYTHON("py"),
    /** {@code true} as a shell function: a process per task. */
    SHELL("sh"),
    /** The examples' {@code Noop}, {@code Function<Integer, Integer>}: one call per task. */
    JAVA("jv");

    public static final String JAVA_NOOP_CLASS = "org.funcfabric.examples.Noop";

    private final String prefix;

    NoopKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The function to register; {@code examplesJar} is the examples' jar, for the Java kind. */
    public FunctionRegistration registration(byte[] examplesJar) {
        return switch (this) {
            case PYTHON -> FunctionRegistration.python("noop", "def noop(x):\n    return x\n");
            case SHELL -> FunctionRegistration.shell("noop", "true", 30);
            case JAVA -> javaNoop(examplesJar).registration();
        };
    }

    /** The payload of call number {@code i}. */
    public String payload(int i) {
        return switch (this) {
            case PYTHON -> WireFormat.payload(List.of(i), Map.of());
            case SHELL -> WireFormat.payload(List.of(), Map.of());
            case JAVA -> WireFormat.javaCall(i);
        };
    }

    public static JavaFunction<Integer> javaNoop(byte[] examplesJar) {
        return JavaFunction.of(examplesJar, JAVA_NOOP_CLASS, Integer.class);
    }
}
