package org.funcfabric.systemtest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.TaskEventSubscription;
import org.funcfabric.client.TaskFailedException;
import org.funcfabric.client.WireFormat;
import org.funcfabric.client.executor.FuncFabricExecutor;
import org.funcfabric.client.executor.JavaFunction;
import org.funcfabric.client.executor.MapFuture;
import org.funcfabric.client.executor.TaskFuture;
import org.funcfabric.client.model.FunctionRegistration;
import org.funcfabric.client.model.ShellResult;
import org.funcfabric.client.model.Submission;
import org.funcfabric.client.model.TaskEvent;
import org.funcfabric.examples.Square;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.funcfabric.systemtest.support.TcpRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * {@link FuncFabricExecutor} on the real stack: 10,000 inputs of the examples' {@code Square} mapped in
 * chunks, batching counted at the HTTP layer, cancellation, close, reload of a task group, and the
 * event stream cut mid-way (a TCP relay drops every connection) without a result lost or repeated.
 */
class FuncFabricExecutorIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final String SQUARE = "org.funcfabric.examples.Square";

    private static FuncFabricClient client;
    private static JavaFunction<Long> square;
    private static JavaFunction<String> fail;

    @BeforeAll
    static void setUp() throws URISyntaxException {
        client = client(new RequestCounter());
        Path jar = Path.of(Square.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        square = JavaFunction.fromJar(jar, SQUARE, Long.class);
        fail = JavaFunction.fromJar(jar, "org.funcfabric.examples.Fail", String.class);
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    private static FuncFabricClient client(RequestCounter counter) {
        return FuncFabricClient.builder().serviceUrl(STACK.baseUrl()).token(STACK.token()).register(counter).build();
    }

    private static FuncFabricExecutor.Builder executor(FuncFabricClient with) {
        return FuncFabricExecutor.builder(with).endpoint(STACK.endpointId());
    }

    @Test
    void tenThousandInputsMappedInChunksAllCorrect() throws Exception {
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().toList();
        RequestCounter requests = new RequestCounter();
        try (FuncFabricClient counted = client(requests); FuncFabricExecutor ex = executor(counted).build()) {
            long t0 = System.nanoTime();
            MapFuture<Long> squares = ex.map(square, inputs, 100);
            List<Long> results = squares.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[FuncFabricExecutorIT] 10,000 map inputs in 100 tasks: %.1f s (%.0f inputs/s), "
                    + "%d submit requests%n", seconds, 10_000 / seconds, requests.submits());

            assertEquals(10_000, results.size());
            List<Integer> wrong = IntStream.range(0, 10_000).filter(i -> results.get(i) != (long) i * i).boxed().toList();
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " wrong results, e.g. input " + wrong.get(0));
            assertEquals(100, squares.tasks().size());
            assertEquals(1, requests.registrations(), "Square registered once");
            assertEquals(1, requests.submits(), "100 chunk tasks fit one batch");
        }
    }

    @Test
    void aThousandSingleSubmitsGoOutInBatchesOf128() throws Exception {
        RequestCounter requests = new RequestCounter();
        List<TaskFuture<Long>> futures = new ArrayList<>();
        try (FuncFabricClient counted = client(requests); FuncFabricExecutor ex = executor(counted).build()) {
            for (int i = 0; i < 1000; i++) {
                futures.add(ex.submit(square, i));
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals((long) i * i, futures.get(i).get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
        }
        int batches = (int) Math.ceil(1000 / 128.0);
        System.out.printf("[FuncFabricExecutorIT] 1,000 single submits: %d submit requests (batch size 128)%n",
                requests.submits());
        assertTrue(requests.submits() >= batches && requests.submits() <= batches + 3,
                () -> requests.submits() + " submit requests for 1,000 tasks");
        assertEquals(1, requests.registrations(), "register on first use, once");
        assertEquals(1000, futures.stream().map(TaskFuture::taskId).distinct().count());
    }

    @Test
    void shellCommandsAndRegisteredFunctionsRunAndFailuresCarryTheRemoteException() throws Exception {
        String fn = client.registerFunction(FunctionRegistration.shell("upper", "echo {0} | tr a-z A-Z", 10))
                .functionUuid();
        try (FuncFabricExecutor ex = executor(client).build()) {
            TaskFuture<ShellResult> hello = ex.submitShell("echo hello {name}", Map.of("name", "it's me"));
            TaskFuture<ShellResult> upper = ex.submit(fn, List.of("shout"), Map.of(), ShellResult.class);
            TaskFuture<String> failing = ex.submit(fail, "x");

            assertEquals("hello it's me\n", hello.get(60, TimeUnit.SECONDS).stdout());
            assertEquals("SHOUT\n", upper.get(60, TimeUnit.SECONDS).stdout());
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(60, TimeUnit.SECONDS));
            TaskFailedException failed = assertInstanceOf(TaskFailedException.class, e.getCause());
            assertTrue(failed.remoteException().contains("refusing 'x'"), failed::remoteException);
            assertEquals(failing.taskId(), failed.taskId());
        }
    }

    @Test
    void cancelBeforeTheBatchLeavesSendsNothingAndCloseWaitsForTheRest() throws Exception {
        RequestCounter requests = new RequestCounter();
        try (FuncFabricClient counted = client(requests)) {
            FuncFabricExecutor ex = executor(counted).batchLinger(Duration.ofSeconds(3)).build();
            TaskFuture<Long> cancelled = ex.submit(square, 3);
            assertTrue(cancelled.cancel(false));
            TaskFuture<Long> kept = ex.submit(square, 4);

            ex.close();

            assertTrue(kept.isDone(), "close() waited for the future");
            assertEquals(16L, kept.get());
            assertTrue(cancelled.isCancelled());
            assertThrows(CancellationException.class, cancelled::join);
            assertNull(cancelled.taskId(), "never submitted");
            assertEquals(1, requests.submits());
            assertEquals(1, requests.submittedTasks(), "only the kept task was sent");
        }
    }

    @Test
    void cancelOfASubmittedTaskAndShutdownNowCompleteTheFuturesCancelled() throws Exception {
        FuncFabricExecutor ex = executor(client).build();
        TaskFuture<ShellResult> slow = ex.submitShell("sleep {s}", 60, Map.of("s", 30));
        TaskFuture<ShellResult> slower = ex.submitShell("sleep {s}", 60, Map.of("s", 40));
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> slow.taskId() != null, () -> "never submitted");

        assertTrue(slow.cancel(true));
        assertTrue(slow.isCancelled());
        List<TaskFuture<?>> cancelled = ex.shutdownNow();

        assertEquals(List.of(slower), cancelled);
        assertTrue(slower.isCancelled());
        assertThrows(RejectedExecutionException.class, () -> ex.submit(square, 1));
    }

    @Test
    void closeWithATimeoutCancelsWhatIsLeft() {
        FuncFabricExecutor ex = executor(client).build();
        TaskFuture<ShellResult> slow = ex.submitShell("sleep 20", 60, Map.of());

        long t0 = System.nanoTime();
        assertFalse(ex.close(Duration.ofSeconds(1)));

        assertTrue(slow.isCancelled());
        assertTrue((System.nanoTime() - t0) / 1e9 < 15, "close(1 s) did not wait for the 20 s task");
    }

    @Test
    void reloadReattachesToAnEarlierGroupAndLaterTasksJoinIt() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        String group;
        try (FuncFabricExecutor first = executor(client).build()) {
            group = first.taskGroupId();
            List<TaskFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(first.submit(square, i));
            }
            for (TaskFuture<Long> f : futures) {
                Long result = f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                expected.put(f.taskId(), result);
            }
        }

        try (FuncFabricExecutor second = executor(client).build()) {
            List<TaskFuture<Long>> reloaded = second.reload(group, Long.class);
            assertEquals(group, second.taskGroupId());
            assertEquals(50, reloaded.size());
            Map<String, Long> actual = new HashMap<>();
            for (TaskFuture<Long> f : reloaded) {
                actual.put(f.taskId(), f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(expected, actual);

            assertEquals(49L, second.submit(square, 7).get(60, TimeUnit.SECONDS));
        }
        assertEquals(51, client.getTaskGroup(group).tasks().size(), "the later task joined the reloaded group");
    }

    @Test
    void droppedEventStreamResumesWithoutLossOrRepetition() throws Exception {
        String fn = client.registerFunction(square.registration()).functionUuid();
        List<String> payloads = IntStream.range(0, 300).mapToObj(WireFormat::javaCall).toList();
        String group = client.submit(STACK.endpointId(), Submission.of(Map.of(fn, payloads), null)).taskGroupId();
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        RequestCounter requests = new RequestCounter();

        try (TcpRelay proxy = new TcpRelay(() -> STACK.baseUrl().getPort());
             FuncFabricClient viaProxy = FuncFabricClient.builder().serviceUrl(URI.create("http://127.0.0.1:" + proxy.port())).token(STACK.token())
                     .reconnectDelay(Duration.ofMillis(200)).register(requests).build();
             TaskEventSubscription stream = viaProxy.subscribe(group, 0, events::add,
                     e -> { throw new AssertionError("the stream gave up", e); })) {
            Poll.until(DEADLINE, Duration.ofMillis(20), () -> events.size() >= 50, () -> events.size() + " events");
            int before = events.size();
            proxy.dropConnections();
            Poll.until(DEADLINE, Duration.ofMillis(100), () -> events.size() >= 300,
                    () -> events.size() + " of 300 events");
            System.out.printf("[FuncFabricExecutorIT] stream cut after %d of 300 events; %d event requests%n",
                    before, requests.eventStreams());
            assertTrue(stream.isOpen());
            assertTrue(requests.eventStreams() >= 2, "the stream was reopened");
        }
        assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), events.stream().map(TaskEvent::id).toList(),
                "every event once, in order");
        assertEquals(300, events.stream().map(e -> e.task().taskId()).distinct().count(), "no task twice");
    }

    @Test
    void executorResultsSurviveADroppedStream() throws Exception {
        try (TcpRelay proxy = new TcpRelay(() -> STACK.baseUrl().getPort());
             FuncFabricClient viaProxy = FuncFabricClient.builder().serviceUrl(URI.create("http://127.0.0.1:" + proxy.port())).token(STACK.token())
                     .reconnectDelay(Duration.ofMillis(200)).build();
             FuncFabricExecutor ex = FuncFabricExecutor.builder(viaProxy).endpoint(STACK.endpointId())
                     .eventTimeout(Duration.ofMinutes(5)).build()) {
            List<TaskFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(ex.submit(square, i));
            }
            // Only once every task is accepted: a submit cut mid-request could be lost or doubled.
            Poll.until(DEADLINE, Duration.ofMillis(20), () -> futures.stream().allMatch(f -> f.taskId() != null),
                    () -> "not all submitted");
            Poll.until(DEADLINE, Duration.ofMillis(20), () -> futures.stream().filter(TaskFuture::isDone).count() >= 40,
                    () -> "too few results yet");
            proxy.dropConnections();

            for (int i = 0; i < futures.size(); i++) {
                assertEquals((long) i * i, futures.get(i).get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
        }
    }

    /** Counts requests by route at the client, as the batching promise is about requests. */
    static final class RequestCounter implements ClientRequestFilter {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final AtomicInteger submittedTasks = new AtomicInteger();

        @Override
        public void filter(ClientRequestContext request) {
            String path = request.getUri().getPath();
            String route = path.endsWith("/submit") ? "submit" : path.endsWith("/events") ? "events"
                    : path.equals("/v3/functions") ? "register" : "other";
            counts.computeIfAbsent(route, k -> new AtomicInteger()).incrementAndGet();
            if (request.getEntity() instanceof Submission s) {
                submittedTasks.addAndGet(s.tasks().values().stream().mapToInt(List::size).sum());
            }
        }

        int submits() {
            return count("submit");
        }

        int registrations() {
            return count("register");
        }

        int eventStreams() {
            return count("events");
        }

        int submittedTasks() {
            return submittedTasks.get();
        }

        private int count(String route) {
            AtomicInteger n = counts.get(route);
            return n == null ? 0 : n.get();
        }
    }
}
