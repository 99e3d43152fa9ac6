package org.funcfabric.core.task;

import java.util.EnumSet;
import java.util.Set;

/** A task's state, with the status strings of the Globus Compute API. */
public enum TaskStatus {
    WAITING_FOR_EP("waiting-for-ep", false),
    WAITING_FOR_LAUNCH("waiting-for-launch", false),
    RUNNING("running", false),
    SUCCESS("success", true),
    FAILED("failed", true),
    CANCELLED("cancelled", true);

    private final String wire;
    private final boolean terminal;

    TaskStatus(String wire, boolean terminal) {
        this.wire = wire;
        this.terminal = terminal;
    }

    public String wire() {
        return wire;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** The states of a task that has not ended. */
    public static Set<TaskStatus> open() {
        Set<TaskStatus> open = EnumSet.noneOf(TaskStatus.class);
        for (TaskStatus s : values()) {
            if (!s.terminal) {
                open.add(s);
            }
        }
        return open;
    }
}
