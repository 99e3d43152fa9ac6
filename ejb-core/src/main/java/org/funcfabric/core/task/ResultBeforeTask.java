package org.funcfabric.core.task;

import jakarta.ejb.ApplicationException;

/**
 * A result arrived for a task the store does not show: most often one whose submission has not
 * committed yet, because a quick worker answered before the database transaction that dispatched it
 * ended. Thrown so that the result's delivery is rolled back and the broker hands it over again later
 * (redelivery delay on {@code fabric.results}); a result for a task that never existed ends on the
 * dead-letter address once the delivery limit is reached, and is never stored.
 */
@ApplicationException(rollback = true)
public class ResultBeforeTask extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResultBeforeTask(String taskId) {
        super("result for task " + taskId + " before the task is stored; handed back for redelivery");
    }
}
