package org.funcfabric.client.cli;

import org.funcfabric.client.WireFormat;
import org.funcfabric.client.model.TaskDocument;

/**
 * A task as {@code run} and {@code result} print it with {@code --json}: the result decoded from its
 * JSON buffer, or the raw buffer when only Python can read it (dill).
 *
 * @param status   the task's status, {@code unknown} for an id the service does not know for the caller
 * @param result   the decoded result (object, array, number, string…) when successful
 */
public record TaskView(String taskId, String status, Object result, String exception, String completionT) {

    static TaskView of(String taskId, TaskDocument doc) {
        if (doc.isUnknown()) {
            return new TaskView(taskId, "unknown", null, doc.reason(), null);
        }
        Object result = doc.isSuccess() ? WireFormat.decode(doc.result(), Object.class) : null;
        return new TaskView(taskId, doc.status(), result, doc.exception(), doc.completionT());
    }
}
