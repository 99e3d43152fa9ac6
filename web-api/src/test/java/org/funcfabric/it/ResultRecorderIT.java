package org.funcfabric.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.core.function.FunctionService;
import org.funcfabric.core.task.ResultBeforeTask;
import org.funcfabric.core.task.ResultRecorder;
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
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ResultMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Results as workers send them: through {@code fabric.results} and the ResultListener MDB into the
 * store, exactly once per task ("the first terminal result wins"), and only from the endpoint the task
 * was sent to; numbered per task group without gaps, and announced on {@code fabric.events}.
 */
@FabricContainerTest
class ResultRecorderIT {
    @Inject
    FunctionService functions;

    @Inject
    EndpointRegistry endpoints;

    @Inject
    TaskService tasks;

    @Inject
    HeardTaskEvents heard;

    @Inject
    ResultRecorder recorder;

    private Caller user;
    private String endpointId;
    private String taskId;
    private BrokerClient broker;

    @Deployment
    static WebArchive deployment() {
        return Deployments.service();
    }

    @BeforeEach
    void submitOneTask() {
        user = TestData.newUser();
        String functionId = functions.register(user, "echo", TestData.ECHO_FUNCTION, null, null, false, null).id();
        endpointId = endpoints.register(user, TestData.newEndpoint()).id();
        taskId = tasks.submit(user, endpointId, Map.of(functionId, List.of(TestData.payload("a"))), null, false, null, RetryPolicy.NONE)
                .tasks().get(functionId).get(0);
        broker = BrokerClient.asService();
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void resultFromTheTasksEndpointIsStored() {
        ResultMessage result = success(taskId, endpointId, "worker-1", "11\n\"a\"");

        broker.sendResult(result);

        Task task = awaitStatus(TaskStatus.SUCCESS);
        assertEquals("11\n\"a\"", task.result());
        assertNull(task.exception());
        assertEquals("worker-1", task.workerId());
        assertEquals(List.of("received", "dispatched", "delivered", "execution-start", "execution-end",
                "result-sent", "completed"), List.copyOf(task.transitions().keySet()));
    }

    @Test
    void laterDifferentResultForTheSameTaskIsIgnored() {
        broker.sendResult(success(taskId, endpointId, "worker-1", "11\n\"first\""));
        awaitStatus(TaskStatus.SUCCESS);

        broker.sendResult(failure(taskId, endpointId, "worker-2", "RuntimeError: second"));
        awaitResultsConsumed();

        Task task = tasks.get(user, taskId);
        assertEquals(TaskStatus.SUCCESS, task.status());
        assertEquals("11\n\"first\"", task.result());
        assertNull(task.exception());
        assertEquals("worker-1", task.workerId());
    }

    @Test
    void resultFromAnotherEndpointIsDropped() {
        String otherEndpointId = endpoints.register(user, TestData.newEndpoint()).id();

        broker.sendResult(success(taskId, otherEndpointId, "worker-x", "11\n\"forged\""));
        awaitResultsConsumed();

        Task task = tasks.get(user, taskId);
        assertEquals(TaskStatus.WAITING_FOR_LAUNCH, task.status());
        assertNull(task.result());
        assertNull(task.completedAt());
        // dropped, not merely late: the task's own endpoint is still heard
        broker.sendResult(success(taskId, endpointId, "worker-1", "11\n\"a\""));
        assertEquals("11\n\"a\"", awaitStatus(TaskStatus.SUCCESS).result());
    }

    @Test
    void resultForATaskNotInTheStoreIsHandedBackNotDropped() {
        // the broker may deliver a result before the task's own transaction has committed
        String notYetStored = UUID.randomUUID().toString();
        assertThrows(ResultBeforeTask.class,
                () -> recorder.record(List.of(success(notYetStored, endpointId, "worker-1", "11\n1")), 1));
    }

    @Test
    void resultSentWithAnotherEndpointsCredentialIsDropped() {
        String otherEndpointId = endpoints.register(user, TestData.newEndpoint()).id();

        // the body names the right endpoint, but the broker says who sent it
        broker.sendAsEndpoint(otherEndpointId, Destinations.RESULTS, success(taskId, endpointId, "worker-x", "11\n\"forged\""));
        broker.send(Destinations.RESULTS, success(taskId, endpointId, "worker-y", "11\n\"forged\""));
        awaitResultsConsumed();

        assertEquals(TaskStatus.WAITING_FOR_LAUNCH, tasks.get(user, taskId).status());
        broker.sendResult(success(taskId, endpointId, "worker-1", "11\n\"a\""));
        assertEquals("11\n\"a\"", awaitStatus(TaskStatus.SUCCESS).result());
    }

    @Test
    void resultsOfOneGroupStoredTogetherAreNumberedWithoutGapAndAnnounced() {
        int count = 40;
        SubmittedBatch batch = submit(count);
        List<String> ids = batch.tasks().values().iterator().next();

        // several MDB sessions store these at once, each locking its task's row and then the group's
        ids.forEach(id -> broker.sendResult(success(id, endpointId, "worker-1", "11\n1")));
        assertNumberedWithoutGapAndAnnounced(batch.taskGroupId(), ids);

        broker.sendResult(success(ids.get(0), endpointId, "worker-2", "11\n2"));
        awaitResultsConsumed();
        assertEquals(List.of(), tasks.eventsAfter(batch.taskGroupId(), count, 500), "a duplicate takes no number");
    }

    @Test
    void aBatchOfResultsIsStoredWhileOtherBatchesOfTheSameGroupAre() {
        int count = 60;
        SubmittedBatch batch = submit(count);
        List<String> ids = batch.tasks().values().iterator().next();

        // three workers' batches, overlapping in time, and a fourth that repeats results already sent
        for (int from = 0; from < count; from += 20) {
            broker.sendResults(endpointId, ids.subList(from, from + 20).stream()
                    .map(id -> success(id, endpointId, "worker-1", "11\n1")).toList());
        }
        broker.sendResults(endpointId, ids.subList(10, 30).stream()
                .map(id -> success(id, endpointId, "worker-2", "11\n2")).toList());
        assertNumberedWithoutGapAndAnnounced(batch.taskGroupId(), ids);
        awaitResultsConsumed();
        assertEquals(List.of(), tasks.eventsAfter(batch.taskGroupId(), count, 500), "duplicates take no number");
        assertEquals("11\n1", tasks.get(user, ids.get(15)).result(), "the first result stays");
    }

    @Test
    void aBatchNamingAnUnknownTaskIsHandedBackThenStoredWithoutIt() {
        ResultMessage known = success(taskId, endpointId, "worker-1", "11\n1");
        ResultMessage unknown = success(UUID.randomUUID().toString(), endpointId, "worker-1", "11\n1");

        assertThrows(ResultBeforeTask.class, () -> recorder.record(List.of(known, unknown), 1),
                "its task's submission may not have committed yet");
        assertEquals(TaskStatus.WAITING_FOR_LAUNCH, tasks.get(user, taskId).status(), "nothing of the batch stored");
        assertEquals(1, recorder.record(List.of(known, unknown), 5), "by the fifth delivery it is unknown");
        assertEquals(TaskStatus.SUCCESS, tasks.get(user, taskId).status());
    }

    private SubmittedBatch submit(int count) {
        String functionId = functions.register(user, "echo", TestData.ECHO_FUNCTION, null, null, false, null).id();
        List<String> payloads = IntStream.range(0, count).mapToObj(i -> TestData.payload("v" + i)).toList();
        return tasks.submit(user, endpointId, Map.of(functionId, payloads), null, false, null, RetryPolicy.NONE);
    }

    /** Every task of the group took one number of 1..n, and the last one was announced on fabric.events. */
    private void assertNumberedWithoutGapAndAnnounced(String taskGroupId, List<String> ids) {
        int count = ids.size();
        List<Task> events = Poll.until(count + " task events", () -> tasks.eventsAfter(taskGroupId, 0, 500),
                e -> e.size() == count);
        assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), events.stream().map(Task::eventNumber).toList());
        assertEquals(Set.copyOf(ids), events.stream().map(Task::id).collect(Collectors.toSet()));
        // one notice per group and transaction, naming its highest number: streams read up to it
        Poll.until("event " + count + " announced back on " + Destinations.EVENTS, () -> heard.of(taskGroupId),
                heardNumbers -> heardNumbers.contains((long) count));
    }

    private Task awaitStatus(TaskStatus status) {
        return Poll.until("task " + taskId + " " + status.wire(), () -> tasks.get(user, taskId),
                task -> task.status() == status);
    }

    /** The MDB took every result sent so far and committed its transaction. */
    private void awaitResultsConsumed() {
        Poll.until(Destinations.RESULTS + " empty", () -> broker.messageCount(Destinations.RESULTS) == 0);
    }

    private static ResultMessage success(String taskId, String endpointId, String workerId, String result) {
        long now = System.currentTimeMillis();
        return new ResultMessage(ResultMessage.VERSION, taskId, endpointId, workerId, ResultMessage.SUCCESS, result,
                null, now - 30, now - 20, now - 10, now, 1);
    }

    private static ResultMessage failure(String taskId, String endpointId, String workerId, String exception) {
        long now = System.currentTimeMillis();
        return new ResultMessage(ResultMessage.VERSION, taskId, endpointId, workerId, ResultMessage.FAILED, null,
                exception, now - 30, now - 20, now - 10, now, 1);
    }
}
