package org.funcfabric.connector;

/**
 * The connector cannot go on. The message is the one line printed on stderr; the exit code is 2 when
 * the user has to fix a setting or a missing dependency, 1 otherwise.
 */
final class ConnectorFailure extends RuntimeException {
    static final int FIX_CONFIGURATION = 2;
    static final int FAILED = 1;

    private final int exitCode;

    ConnectorFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
