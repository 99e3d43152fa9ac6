package org.funcfabric.bridge.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.funcfabric.core.task.TaskCompleted;

/**
 * Sends one result message, off the committing thread and retried: a broker that is briefly away
 * (restarting, a dropped connection) does not cost the Executor its result. The connection is
 * rebuilt on the next attempt.
 */
@ApplicationScoped
public class ResultSender {
    static final int MAX_RETRIES = 4;

    @Inject
    private AmqpResultQueues queues;

    @Asynchronous
    @Retry(maxRetries = MAX_RETRIES, delay = 500, delayUnit = ChronoUnit.MILLIS, jitter = 200,
            retryOn = {IOException.class, TimeoutException.class, RuntimeException.class})
    public CompletionStage<Void> send(TaskCompleted task) throws IOException, TimeoutException, InterruptedException {
        queues.publish(task.owner(), task.taskGroupId(), ResultMessages.v1(task));
        return CompletableFuture.completedFuture(null);
    }
}
