package org.funcfabric.launcher.stack;

import java.util.List;

/**
 * A part of the stack failed to start or stopped by itself: a child process exited or missed its
 * deadline. Carries the log lines that most likely explain it; the command prints them and exits 1.
 */
public class StackFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> evidence;

    public StackFailure(String message, List<String> evidence) {
        super(message);
        this.evidence = List.copyOf(evidence);
    }

    /** Log lines worth showing the user, oldest first. */
    public List<String> evidence() {
        return evidence;
    }
}
