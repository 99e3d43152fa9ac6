package org.funcfabric.client.cli;

/** A problem the user fixes on their side: its message is printed alone and the command exits 2. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
