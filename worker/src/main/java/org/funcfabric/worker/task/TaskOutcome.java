package org.funcfabric.worker.task;

/**
 * The result of running one task: a serialized result buffer, or the remote error text.
 *
 * @param success   whether the function returned normally
 * @param result    for success: one unpacked buffer ({@code "00\n…"}, {@code "11\n…"})
 * @param exception for failure: a traceback or error text ending with {@code "<Type>: <message>"}
 */
public record TaskOutcome(boolean success, String result, String exception) {
    public static TaskOutcome success(String result) {
        return new TaskOutcome(true, result, null);
    }

    public static TaskOutcome failure(String exception) {
        return new TaskOutcome(false, null, exception);
    }
}
