package org.funcfabric.bridge.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.funcfabric.core.task.TaskCompleted;

/**
 * Sends the results one transaction stored, off the committing thread and retried: a broker that is
 * briefly away (restarting, a dropped connection) does not cost the Executor its results. The
 * connection is rebuilt on the next attempt, which publishes the whole batch again: a client may see
 * a result twice after such a failure, never not at all.
 */
@ApplicationScoped
public class ResultSender {
    static final int MAX_RETRIES = 4;

    @Inject
    private AmqpResultQueues queues;

    @Asynchronous
    @Retry(maxRetries = MAX_RETRIES, delay = 500, delayUnit = ChronoUnit.MILLIS, jitter = 200,
            retryOn = {IOException.class, TimeoutException.class, RuntimeException.class})
    public CompletionStage<Void> send(List<TaskCompleted> tasks) throws IOException, TimeoutException, InterruptedException {
        queues.publish(tasks.stream()
                .map(t -> new AmqpResultQueues.Publication(t.owner(), t.taskGroupId(), ResultMessages.v1(t)))
                .toList());
        return CompletableFuture.completedFuture(null);
    }
}
