package org.funcfabric.launcher.process;

/** A child process exited while the launcher was waiting for it to become ready. */
public class ChildExitedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ChildProcess child;

    public ChildExitedException(ChildProcess child) {
        super(child.name() + " exited with code " + child.exitCode().map(String::valueOf).orElse("?"));
        this.child = child;
    }

    public ChildProcess child() {
        return child;
    }
}
