package org.funcfabric.it;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.core.function.FunctionService;
import org.funcfabric.core.function.RegisteredFunction;
import org.funcfabric.core.task.RetryPolicy;
import org.funcfabric.core.task.SubmittedBatch;
import org.funcfabric.core.task.Task;
import org.funcfabric.core.task.TaskOutbox;
import org.funcfabric.core.task.TaskService;
import org.funcfabric.core.task.TaskStatus;
import org.funcfabric.it.client.Deployments;
import org.funcfabric.it.support.BrokerClient;
import org.funcfabric.it.support.FabricContainerTest;
import org.funcfabric.it.support.Poll;
import org.funcfabric.it.support.TestData;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.TaskMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * "Accepted means durable": a submission stores its tasks with an outbox row in one transaction, and
 * their messages reach the endpoint's queue after it commits — at once, or from the outbox when that
 * send was lost; a submission that fails or rolls back leaves neither.
 */
@FabricContainerTest
class TaskServiceIT {
    @Inject
    FunctionService functions;

    @Inject
    EndpointRegistry endpoints;

    @Inject
    TaskService tasks;

    @Inject
    UserTransaction transaction;

    @Inject
    TaskOutbox outbox;

    @Resource(lookup = "java:app/jdbc/fabric")
    DataSource database;

    @Deployment
    static WebArchive deployment() {
        return Deployments.service();
    }

    @Test
    void submittedTasksAreStoredAndQueuedForTheirEndpoint() {
        Caller user = TestData.newUser();
        RegisteredFunction echo = functions.register(user, "echo", TestData.ECHO_FUNCTION, null, null, false, null);
        String endpointId = endpoints.register(user, TestData.newEndpoint()).id();
        List<String> payloads = List.of(TestData.payload("a"), TestData.payload("b"), TestData.payload("c"));

        SubmittedBatch batch = tasks.submit(user, endpointId, Map.of(echo.id(), payloads), null, false, null, RetryPolicy.NONE);

        List<String> taskIds = batch.tasks().get(echo.id());
        assertEquals(3, taskIds.size());
        for (int i = 0; i < taskIds.size(); i++) {
            Task task = tasks.get(user, taskIds.get(i));
            assertEquals(TaskStatus.WAITING_FOR_LAUNCH, task.status());
            assertEquals(payloads.get(i), task.payload());
            assertEquals(endpointId, task.endpointId());
            assertTrue(task.transitions().containsKey("dispatched"), () -> "no dispatched time: " + task.transitions());
        }
        String queue = Destinations.taskQueue(endpointId);
        try (BrokerClient broker = BrokerClient.asService()) {
            List<TaskMessage> queued = Poll.until("3 task messages on " + queue,
                    () -> broker.browse(queue, TaskMessage.class), messages -> messages.size() >= 3);
            Map<String, TaskMessage> byTask = queued.stream().collect(toMap(TaskMessage::taskId, Function.identity()));
            assertEquals(3, queued.size());
            for (int i = 0; i < taskIds.size(); i++) {
                TaskMessage message = byTask.get(taskIds.get(i));
                assertEquals(endpointId, message.endpointId());
                assertEquals(batch.taskGroupId(), message.taskGroupId());
                assertEquals(echo.id(), message.functionId());
                assertEquals(echo.code(), message.functionCode());
                assertEquals(payloads.get(i), message.payload());
            }
        }
    }

    @Test
    void submissionNamingAnUnknownFunctionStoresAndQueuesNothing() {
        Caller user = TestData.newUser();
        RegisteredFunction echo = functions.register(user, "echo", TestData.ECHO_FUNCTION, null, null, false, null);
        String endpointId = endpoints.register(user, TestData.newEndpoint()).id();
        String unknown = UUID.randomUUID().toString();

        FabricException refused = assertThrows(FabricException.class, () -> tasks.submit(user, endpointId,
                Map.of(echo.id(), List.of(TestData.payload("a")), unknown, List.of(TestData.payload("b"))), null, false, null, RetryPolicy.NONE));

        assertEquals(ErrorCode.FUNCTION_NOT_FOUND, refused.code());
        assertEquals(0, tasks.countOpen(endpointId));
        try (BrokerClient broker = BrokerClient.asService()) {
            assertEquals(List.of(), broker.browse(Destinations.taskQueue(endpointId), TaskMessage.class));
        }
    }

    /**
     * The service stopped after a submission committed and before its messages reached the broker: the
     * outbox row left behind gets them sent, and goes.
     */
    @Test
    void submissionLeftInTheOutboxIsSentAgain() throws Exception {
        Caller user = TestData.newUser();
        RegisteredFunction echo = functions.register(user, "echo", TestData.ECHO_FUNCTION, null, null, false, null);
        String endpointId = endpoints.register(user, TestData.newEndpoint()).id();
        SubmittedBatch batch = tasks.submit(user, endpointId, Map.of(echo.id(), List.of(TestData.payload("a"))),
                null, false, null, RetryPolicy.NONE);
        String taskId = batch.tasks().get(echo.id()).get(0);
        String queue = Destinations.taskQueue(endpointId);
        try (BrokerClient broker = BrokerClient.asService()) {
            Poll.until("the task's message on " + queue, () -> broker.browse(queue, TaskMessage.class), m -> m.size() == 1);
            assertEquals(0, outboxRows(batch.requestId()), "the outbox row outlived the send");
            assertEquals(1, broker.drain(queue));
            try (Connection c = database.getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO task_dispatches (request_id, stored_at) VALUES (?, 0)")) {
                insert.setString(1, batch.requestId());
                insert.executeUpdate();
            }

            outbox.resendStale(System.currentTimeMillis(), 100);

            List<TaskMessage> again = Poll.until("the task sent again", () -> broker.browse(queue, TaskMessage.class),
                    m -> m.size() == 1);
            assertEquals(taskId, again.get(0).taskId());
            assertEquals(echo.code(), again.get(0).functionCode());
            assertEquals(0, outboxRows(batch.requestId()));
        }
    }

    private int outboxRows(String requestId) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM task_dispatches WHERE request_id = ?")) {
            count.setString(1, requestId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The send is an effect of the caller's commit: nothing is sent for a transaction rolled back. */
    @Test
    void rolledBackSubmissionLeavesNoTaskAndNoMessage() throws Exception {
        Caller user = TestData.newUser();
        RegisteredFunction echo = functions.register(user, "echo", TestData.ECHO_FUNCTION, null, null, false, null);
        String endpointId = endpoints.register(user, TestData.newEndpoint()).id();

        transaction.begin();
        SubmittedBatch batch;
        try {
            batch = tasks.submit(user, endpointId, Map.of(echo.id(), List.of(TestData.payload("a"))), null, false, null, RetryPolicy.NONE);
        } finally {
            transaction.rollback();
        }

        String taskId = batch.tasks().get(echo.id()).get(0);
        FabricException gone = assertThrows(FabricException.class, () -> tasks.get(user, taskId));
        assertEquals(ErrorCode.TASK_NOT_FOUND, gone.code());
        try (BrokerClient broker = BrokerClient.asService()) {
            assertEquals(List.of(), broker.browse(Destinations.taskQueue(endpointId), TaskMessage.class));
        }
    }
}
