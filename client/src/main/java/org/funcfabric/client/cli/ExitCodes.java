package org.funcfabric.client.cli;

import org.funcfabric.client.FuncFabricException;
import org.funcfabric.client.ServiceRefusedException;
import org.funcfabric.client.TaskFailedException;

/** The exit codes of every command, listed in {@code funcfabric --help} ({@link FuncFabricCli}'s footer). */
public final class ExitCodes {
    public static final int OK = 0;
    /** A task failed or was cancelled, a shell command exited non-zero, or a watched group had failures. */
    public static final int TASK_FAILED = 1;
    /** Bad arguments, an unreadable file, or no login. */
    public static final int USAGE = 2;
    /** The service refused the request (4xx): unknown id, no permission, invalid token, bad input. */
    public static final int REFUSED = 3;
    /** The service could not be reached or failed (5xx). */
    public static final int UNAVAILABLE = 4;
    /** Waiting ended before the tasks did (run --timeout), or result found tasks still pending. */
    public static final int NOT_FINISHED = 5;
    /** A bug in the command line itself. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** The exit code for a failed call. */
    static int of(FuncFabricException e) {
        if (e instanceof TaskFailedException) {
            return TASK_FAILED;
        }
        if (e instanceof ServiceRefusedException) {
            return REFUSED;
        }
        return UNAVAILABLE;
    }
}
