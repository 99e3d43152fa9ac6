package org.funcfabric.client.model;

import jakarta.json.bind.annotation.JsonbTransient;
import java.util.Map;
import java.util.Set;

/**
 * A task as {@code GET /v2/tasks/{id}} shows it.
 *
 * @param status      {@code waiting-for-ep}, {@code waiting-for-launch}, {@code running}, {@code success},
 *                    {@code failed} or {@code cancelled}; {@code Failed} for an id {@code batch_status} does not know
 * @param result      the result buffer ({@code "11\n<json>"}, {@code "00\n<dill>"}) when successful
 * @param exception   the remote traceback or exception text when failed
 * @param completionT epoch seconds, as a string
 * @param details     {@code task_transitions}, {@code task_group_id}, {@code endpoint_id}, {@code function_id}…
 * @param reason      set only for ids {@code batch_status} does not know
 */
public record TaskDocument(String taskId, String status, String result, String exception, String completionT,
                           Map<String, Object> details, String reason) {
    private static final Set<String> TERMINAL = Set.of("success", "failed", "cancelled");

    /** Whether the task has ended (success, failed or cancelled). */
    @JsonbTransient
    public boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    @JsonbTransient
    public boolean isSuccess() {
        return "success".equals(status);
    }

    @JsonbTransient
    public boolean isFailed() {
        return "failed".equals(status);
    }

    @JsonbTransient
    public boolean isCancelled() {
        return "cancelled".equals(status);
    }

    /** The id {@code batch_status} answered "unknown task id" for: not a task of the caller. */
    @JsonbTransient
    public boolean isUnknown() {
        return taskId == null && "Failed".equals(status);
    }

    @JsonbTransient
    public String taskGroupId() {
        return details == null ? null : (String) details.get("task_group_id");
    }

    @JsonbTransient
    public String functionId() {
        return details == null ? null : (String) details.get("function_id");
    }
}
