package org.funcfabric.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.core.function.FunctionService;
import org.funcfabric.core.task.FailedAttempt;
import org.funcfabric.core.task.GroupCancellation;
import org.funcfabric.core.task.RetryPolicy;
import org.funcfabric.core.task.SubmittedBatch;
import org.funcfabric.core.task.Task;
import org.funcfabric.core.task.TaskService;
import org.funcfabric.core.task.TaskStatus;
import org.funcfabric.it.client.Deployments;
import org.funcfabric.it.support.BrokerClient;
import org.funcfabric.it.support.FabricContainerTest;
import org.funcfabric.it.support.HeardTaskEvents;
import org.funcfabric.it.support.Poll;
import org.funcfabric.it.support.TestData;
import org.funcfabric.protocol.CommandMessage;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.protocol.TaskMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's side of retries, cancellation and lost tasks: retry notices add attempts without ending
 * a task; a cancellation ends tasks and publishes its command to the endpoint in the same transaction;
 * a task message the broker dead-letters fails its task as {@code WorkerLost}; a lock orders the
 * connector to stop.
 */
@FabricContainerTest
class ReliabilityIT {
    @Inject
    FunctionService functions;

    @Inject
    EndpointRegistry endpoints;

    @Inject
    TaskService tasks;

    @Inject
    HeardTaskEvents heard;

    @Inject
    UserTransaction transaction;

    private Caller user;
    private String functionId;
    private String endpointId;
    private BrokerClient broker;

    @Deployment
    static WebArchive deployment() {
        return Deployments.service();
    }

    @BeforeEach
    void registerEndpoint() {
        user = TestData.newUser();
        functionId = functions.register(user, "echo", TestData.ECHO_FUNCTION, null, null, false, null).id();
        endpointId = endpoints.register(user, TestData.newEndpoint()).id();
        broker = BrokerClient.asService();
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void theRetryPolicyTravelsInTheTaskMessage() {
        RetryPolicy policy = RetryPolicy.of(3, 0.5, List.of("RuntimeError"), 7);
        String taskId = submit(1, policy).get(0);

        TaskMessage sent = broker.browse(Destinations.taskQueue(endpointId), TaskMessage.class).get(0);

        assertEquals(taskId, sent.taskId());
        assertEquals(1, sent.attempt());
        assertEquals(3, sent.maxRetries());
        assertEquals(0.5, sent.retryBackoffS());
        assertEquals(List.of("RuntimeError"), sent.retryOn());
        assertEquals(7, sent.timeoutS());
        assertEquals(policy, tasks.get(user, taskId).retryPolicy());
    }

    @Test
    void retryingResultsAppendAttemptsOnceAndKeepTheTaskOpen() {
        String taskId = submit(1, RetryPolicy.of(3, 0.5, List.of("*"), null)).get(0);

        broker.sendResult(result(taskId, ResultMessage.RETRYING, 1, "RuntimeError: one"));
        broker.sendResult(result(taskId, ResultMessage.RETRYING, 1, "RuntimeError: one"));
        broker.sendResult(result(taskId, ResultMessage.RETRYING, 2, "RuntimeError: two"));
        Task retried = Poll.until("two failed attempts", () -> tasks.get(user, taskId), t -> t.attempts().size() == 2);
        assertEquals(TaskStatus.WAITING_FOR_LAUNCH, retried.status());
        assertEquals(3, retried.attempt());
        assertEquals(List.of(1, 2), retried.attempts().stream().map(FailedAttempt::attempt).toList());
        // the service queues each next attempt, held back by the broker for the back-off (0.5 s, then 1 s)
        List<TaskMessage> queued = Poll.until("attempts 2 and 3 on the task queue",
                () -> broker.browse(Destinations.taskQueue(endpointId), TaskMessage.class), m -> m.size() == 3);
        assertEquals(List.of(1, 2, 3), queued.stream().map(TaskMessage::attempt).sorted().toList());

        broker.sendResult(result(taskId, ResultMessage.SUCCESS, 3, null));
        Task done = Poll.until("success", () -> tasks.get(user, taskId), t -> t.status() == TaskStatus.SUCCESS);
        assertEquals(3, done.attempt());
        assertEquals(2, done.attempts().size());
    }

    @Test
    void cancelEndsTheTaskAndCommandsItsEndpointInTheSameTransaction() throws Exception {
        String taskId = submit(1, RetryPolicy.NONE).get(0);
        try (BrokerClient.Subscription commands = broker.subscribe(Destinations.commandTopic(endpointId))) {
            transaction.begin();
            tasks.cancel(user, taskId);
            transaction.rollback();
            assertNull(commands.receive(CommandMessage.class, 1_000), "a rolled-back cancellation sends nothing");
            assertEquals(TaskStatus.WAITING_FOR_LAUNCH, tasks.get(user, taskId).status());

            Task cancelled = tasks.cancel(user, taskId);

            assertEquals(TaskStatus.CANCELLED, cancelled.status());
            CommandMessage command = commands.receive(CommandMessage.class, 10_000);
            assertNotNull(command, "the cancel command reaches " + Destinations.commandTopic(endpointId));
            assertEquals(CommandMessage.CANCEL, command.type());
            assertEquals(List.of(taskId), command.taskIds());
            Poll.until("the cancellation announced as a task event", () -> heard.of(cancelled.taskGroupId()),
                    numbers -> numbers.contains(1L));

            assertEquals(TaskStatus.CANCELLED, tasks.cancel(user, taskId).status(), "a second cancel is a no-op");
            assertNull(commands.receive(CommandMessage.class, 1_000), "and sends nothing");
        }
        broker.sendResult(result(taskId, ResultMessage.SUCCESS, 1, null));
        Poll.until(Destinations.RESULTS + " empty", () -> broker.messageCount(Destinations.RESULTS) == 0);
        assertEquals(TaskStatus.CANCELLED, tasks.get(user, taskId).status(), "the worker's late result is ignored");
    }

    @Test
    void cancellingAGroupCancelsItsOpenTasksWithOneCommand() {
        List<String> ids = submit(3, RetryPolicy.NONE);
        broker.sendResult(result(ids.get(0), ResultMessage.SUCCESS, 1, null));
        String group = Poll.until("first task done", () -> tasks.get(user, ids.get(0)),
                t -> t.status() == TaskStatus.SUCCESS).taskGroupId();
        try (BrokerClient.Subscription commands = broker.subscribe(Destinations.commandTopic(endpointId))) {
            GroupCancellation done = tasks.cancelGroup(user, group);

            assertEquals(2, done.cancelled());
            assertEquals(1, done.alreadyDone());
            CommandMessage command = commands.receive(CommandMessage.class, 10_000);
            assertEquals(Set.of(ids.get(1), ids.get(2)), Set.copyOf(command.taskIds()));
            assertNull(commands.receive(CommandMessage.class, 1_000), "one command for the endpoint");
        }
        assertEquals(TaskStatus.SUCCESS, tasks.get(user, ids.get(0)).status());
        assertEquals(TaskStatus.CANCELLED, tasks.get(user, ids.get(2)).status());
    }

    @Test
    void aDeadLetteredTaskFailsAsWorkerLost() {
        String taskId = submit(1, RetryPolicy.NONE).get(0);

        broker.rollBackDeliveries(Destinations.taskQueue(endpointId), 10);

        Task lost = Poll.until("task failed", () -> tasks.get(user, taskId), t -> t.status() == TaskStatus.FAILED);
        assertEquals("WorkerLost: task " + taskId + " was dead-lettered after 10 deliveries on endpoint " + endpointId,
                lost.exception());
    }

    @Test
    void lockingAnEndpointOrdersItsConnectorToStop() {
        try (BrokerClient.Subscription commands = broker.subscribe(Destinations.commandTopic(endpointId))) {
            endpoints.lock(user, endpointId);

            CommandMessage command = commands.receive(CommandMessage.class, 10_000);
            assertNotNull(command);
            assertEquals(CommandMessage.STOP, command.type());
            assertTrue(command.taskIds().isEmpty());
        }
    }

    private List<String> submit(int count, RetryPolicy policy) {
        List<String> payloads = IntStream.range(0, count).mapToObj(i -> TestData.payload("v" + i)).toList();
        SubmittedBatch batch = tasks.submit(user, endpointId, Map.of(functionId, payloads), null, false, null, policy);
        return batch.tasks().get(functionId);
    }

    private ResultMessage result(String taskId, String status, int attempt, String exception) {
        long now = System.currentTimeMillis();
        return new ResultMessage(ResultMessage.VERSION, taskId, endpointId, "worker-1", status,
                ResultMessage.SUCCESS.equals(status) ? "11\n1" : null, exception, now - 30, now - 20, now - 10, now, attempt);
    }
}
