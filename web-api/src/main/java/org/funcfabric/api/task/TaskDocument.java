package org.funcfabric.api.task;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.funcfabric.core.task.Task;

/**
 * A task as {@code GET /v2/tasks/{id}}, batch status and task event streams show it. Times are epoch
 * seconds with millisecond precision; {@code completion_t} is a string, as the Globus Compute SDK
 * expects. {@code attempt} is the attempt the task is on (or ended on); {@code attempts} lists the
 * failed attempts its worker retried, and is absent when there were none.
 */
public record TaskDocument(String taskId, String status, String result, String exception, String completionT,
                           int attempt, List<Attempt> attempts, Map<String, Object> details) {

    /** A failed attempt that was retried; {@code at} in epoch seconds. */
    public record Attempt(int attempt, String exception, BigDecimal at) {
    }

    public static TaskDocument from(Task task) {
        Map<String, BigDecimal> transitions = new LinkedHashMap<>();
        task.transitions().forEach((hop, at) -> transitions.put(hop, seconds(at)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("task_transitions", transitions);
        details.put("task_group_id", task.taskGroupId());
        details.put("endpoint_id", task.endpointId());
        details.put("function_id", task.functionId());
        if (task.workerId() != null) {
            details.put("worker_id", task.workerId());
        }
        List<Attempt> attempts = task.attempts().stream()
                .map(a -> new Attempt(a.attempt(), a.exception(), seconds(a.at()))).toList();
        return new TaskDocument(task.id(), task.status().wire(), task.result(), task.exception(),
                task.completedAt() == null ? null : seconds(task.completedAt()).toPlainString(), task.attempt(),
                attempts.isEmpty() ? null : attempts, details);
    }

    private static BigDecimal seconds(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3);
    }
}
