package org.funcfabric.worker.process;

/**
 * The environment of a process that runs user code. The worker's own settings travel in {@code FABRIC_*}
 * variables, a broker password among them when the worker was started by hand with
 * {@code FABRIC_BROKER_PASSWORD}; a function is none of their business, and one that lists its environment
 * must not find a credential there.
 */
public final class ChildEnvironment {
    /** The prefix of every variable the worker, the connector and the launcher read. */
    static final String FABRIC_PREFIX = "FABRIC_";

    private ChildEnvironment() {
    }

    /** {@code builder} without the worker's {@code FABRIC_*} variables, for a process that runs user code. */
    public static ProcessBuilder forUserCode(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(name -> name.startsWith(FABRIC_PREFIX));
        return builder;
    }
}
