package org.funcfabric.api.task;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.funcfabric.core.task.Task;

/**
 * A task as {@code GET /v2/tasks/{id}} shows it. Times are epoch seconds with millisecond
 * precision; {@code completion_t} is a string, as the Globus Compute SDK expects.
 */
public record TaskDocument(String taskId, String status, String result, String exception, String completionT,
                           Map<String, Object> details) {

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
        return new TaskDocument(task.id(), task.status().wire(), task.result(), task.exception(),
                task.completedAt() == null ? null : seconds(task.completedAt()).toPlainString(), details);
    }

    private static BigDecimal seconds(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3);
    }
}
