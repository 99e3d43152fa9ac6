package org.funcfabric.worker.jms;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.funcfabric.protocol.AllowedFunctions;
import org.funcfabric.protocol.TrustedSender;
import org.funcfabric.worker.task.CancelledTasks;

/**
 * What the slots of one worker share.
 *
 * @param queue          the task queue to consume, and where retries are scheduled
 * @param endpointId     written into every result
 * @param workerId       written into every result
 * @param defaultTimeout how long a task without its own {@code timeoutS} may run; zero for no limit
 * @param deadlines      fires timeouts; one timer for all slots, no thread sleeps per task
 * @param cancelled      tasks cancelled recently, skipped when they arrive
 * @param spool          where results that could not be sent are kept
 * @param allowedFunctions the only functions whose tasks may run; any other task fails unrun
 * @param trustedSender  who may send tasks: a task the broker says anyone else sent is dropped unrun
 */
public record SlotContext(String queue, String endpointId, String workerId, Duration defaultTimeout,
                          ScheduledExecutorService deadlines, CancelledTasks cancelled, ResultSpool spool,
                          AllowedFunctions allowedFunctions, TrustedSender trustedSender) {
}
