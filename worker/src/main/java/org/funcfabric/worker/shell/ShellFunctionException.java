package org.funcfabric.worker.shell;

/** A shell function or its arguments that cannot run; the message is the task's exception text. */
final class ShellFunctionException extends Exception {
    ShellFunctionException(String message) {
        super(message);
    }
}
