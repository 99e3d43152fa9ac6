package org.funcfabric.client.executor;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.FuncFabricException;
import org.funcfabric.client.WireFormat;
import org.funcfabric.client.model.FunctionRegistration;
import org.funcfabric.client.model.ShellResult;
import org.funcfabric.client.model.Submission;
import org.funcfabric.client.model.SubmitResponse;
import org.funcfabric.client.model.TaskDocument;
import org.funcfabric.client.model.TaskGroup;

/**
 * Runs functions on one endpoint as futures, in the manner of an {@code ExecutorService} (and of the
 * Globus Compute SDK's {@code Executor}): {@code submit} returns at once; a background thread gathers
 * the tasks into batches (up to {@link Builder#batchSize} per request, waiting at most
 * {@link Builder#batchLinger} for company), and results arrive on the task group's event stream, with
 * polling as the fallback. Java functions and shell commands are registered on first use, once per
 * distinct code. All tasks of an executor join one task group, which {@link #reload} reattaches to
 * from another executor or process.
 *
 * <pre>{@code
 * try (FuncFabricExecutor ex = FuncFabricExecutor.builder(client).endpoint(endpointId).build()) {
 *     JavaFunction<Long> square = JavaFunction.fromJar(jar, "org.funcfabric.examples.Square", Long.class);
 *     List<Long> squares = ex.map(square, inputs, 100).join();
 * }
 * }</pre>
 *
 * <p>{@link #close()} waits for every future; {@link #close(Duration)} waits that long, then cancels
 * what is left; {@link #shutdownNow()} cancels at once. The executor does not close the client.
 */
public final class FuncFabricExecutor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FuncFabricExecutor.class.getName());
    private static final int MAX_SHELL_NAME = 100;

    private final FuncFabricClient client;
    private final String endpointId;
    private final int batchSize;
    private final long lingerNanos;
    private final long maxBatchBytes;
    private final Duration pollInterval;
    private final Duration eventTimeout;
    private final boolean useStream;
    private final BlockingQueue<PendingTask> queue = new LinkedBlockingQueue<>();
    /** Code SHA-256 → function id, so each distinct function is registered once. */
    private final Map<String, String> functionIds = new ConcurrentHashMap<>();
    private final Set<TaskFuture<?>> outstanding = ConcurrentHashMap.newKeySet();
    private final Object routing = new Object();
    /** Submitted tasks awaiting their result; guarded by {@link #routing}. */
    private final Map<String, TaskFuture<?>> byTaskId = new HashMap<>();
    /** Results that came before their submit's answer was processed; guarded by {@link #routing}. */
    private final Map<String, TaskDocument> early = new HashMap<>();
    private final Thread submitter;
    private final ExecutorService cancellations;
    private volatile String taskGroupId;
    private volatile TaskGroupMonitor monitor;
    private volatile boolean shutdown;
    /** A task that did not fit the previous batch; submitter thread only. */
    private PendingTask carried;

    private FuncFabricExecutor(Builder b) {
        this.client = b.client;
        this.endpointId = b.endpointId;
        this.batchSize = b.batchSize;
        this.lingerNanos = b.batchLinger.toNanos();
        this.maxBatchBytes = b.maxBatchBytes;
        this.taskGroupId = b.taskGroupId;
        this.pollInterval = b.pollInterval;
        this.eventTimeout = b.eventTimeout;
        this.useStream = b.useStream;
        this.submitter = new Thread(this::submitBatches, "funcfabric-submit-" + taskGroupId);
        this.submitter.setDaemon(true);
        this.cancellations = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "funcfabric-cancel");
            t.setDaemon(true);
            return t;
        });
        submitter.start();
    }

    /** An executor using {@code client}; {@link Builder#endpoint} is required. */
    public static Builder builder(FuncFabricClient client) {
        return new Builder(client);
    }

    /** The task group every task of this executor joins. */
    public String taskGroupId() {
        return taskGroupId;
    }

    // --- submitting ---------------------------------------------------------------------------

    /** Runs {@code fn} on {@code input}. */
    public <R> TaskFuture<R> submit(JavaFunction<R> fn, Object input) {
        return enqueue(FunctionRef.ByContent.of(fn.registration()), WireFormat.javaCall(input), fn.resultType());
    }

    /**
     * Runs {@code fn} on every input, {@code chunkSize} inputs per task (the worker applies the
     * function to a chunk's inputs in order), so that a million inputs need not be a million tasks.
     */
    public <R> MapFuture<R> map(JavaFunction<R> fn, List<?> inputs, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1");
        }
        FunctionRef ref = FunctionRef.ByContent.of(fn.registration());
        Type chunkResult = WireFormat.listOf(fn.resultType());
        List<TaskFuture<List<R>>> chunks = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i += chunkSize) {
            chunks.add(enqueue(ref, WireFormat.javaMap(inputs.subList(i, Math.min(inputs.size(), i + chunkSize))),
                    chunkResult));
        }
        return new MapFuture<>(chunks);
    }

    /** Runs the shell command template {@code cmd} with {@code kwargs} filled in, without a walltime. */
    public TaskFuture<ShellResult> submitShell(String cmd, Map<String, ?> kwargs) {
        return submitShell(cmd, null, kwargs);
    }

    /** Runs {@code cmd} with {@code kwargs}; a walltime expiry gives return code 124. */
    public TaskFuture<ShellResult> submitShell(String cmd, Integer walltimeSeconds, Map<String, ?> kwargs) {
        String name = cmd.length() <= MAX_SHELL_NAME ? cmd : cmd.substring(0, MAX_SHELL_NAME);
        return enqueue(FunctionRef.ByContent.of(FunctionRegistration.shell(name, cmd, walltimeSeconds)),
                WireFormat.payload(List.of(), kwargs), ShellResult.class);
    }

    /** Runs a registered function of any kind with JSON arguments; its result must be JSON too. */
    public <T> TaskFuture<T> submit(String functionId, List<?> args, Map<String, ?> kwargs, Class<T> resultType) {
        return enqueue(new FunctionRef.Registered(functionId), WireFormat.payload(args, kwargs), resultType);
    }

    /**
     * Reattaches to the tasks of an earlier task group (by this or another process): a future per task,
     * oldest first, completed as the others are. Later submissions join that group. Only for an
     * executor without futures of its own.
     */
    public <T> List<TaskFuture<T>> reload(String groupId, Class<T> resultType) {
        checkOpen();
        if (!outstanding.isEmpty()) {
            throw new IllegalStateException("reload needs an executor without futures of its own");
        }
        TaskGroup group = client.getTaskGroup(groupId);
        synchronized (this) {
            if (monitor != null) {
                monitor.close();
                monitor = null;
            }
            taskGroupId = group.taskgroupId();
        }
        List<TaskFuture<T>> futures = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (TaskGroup.Member member : group.tasks()) {
            TaskFuture<T> f = track(new TaskFuture<>(this, resultType));
            futures.add(f);
            ids.add(member.id());
            attach(f, member.id());
        }
        monitor().track(ids);
        return futures;
    }

    private <T> TaskFuture<T> enqueue(FunctionRef function, String payload, Type resultType) {
        checkOpen();
        TaskFuture<T> future = track(new TaskFuture<>(this, resultType));
        queue.add(new PendingTask(future, function, payload));
        return future;
    }

    private <T> TaskFuture<T> track(TaskFuture<T> future) {
        outstanding.add(future);
        future.whenComplete((r, e) -> outstanding.remove(future));
        return future;
    }

    private void checkOpen() {
        if (shutdown) {
            throw new RejectedExecutionException("the executor is shut down");
        }
    }

    // --- closing ------------------------------------------------------------------------------

    /** Takes no new tasks, waits for every future, then stops its threads and its stream. */
    @Override
    public void close() {
        shutdown = true;
        try {
            allOutstanding().join();
        } finally {
            stop();
        }
    }

    /**
     * Takes no new tasks and waits up to {@code timeout} for every future; then cancels the rest.
     *
     * @return whether every future completed within the timeout
     */
    public boolean close(Duration timeout) {
        shutdown = true;
        try {
            allOutstanding().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            cancelOutstanding();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelOutstanding();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("allOutstanding() never fails", e);
        } finally {
            stop();
        }
    }

    /**
     * Cancels every future (and asks the service to cancel their tasks) and stops.
     *
     * @return the futures that were cancelled
     */
    public List<TaskFuture<?>> shutdownNow() {
        shutdown = true;
        List<TaskFuture<?>> cancelled = cancelOutstanding();
        stop();
        return cancelled;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    /** Completes when every outstanding future has, however it did. */
    private CompletableFuture<Void> allOutstanding() {
        return CompletableFuture.allOf(outstanding.stream()
                .map(f -> f.handle((r, e) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private List<TaskFuture<?>> cancelOutstanding() {
        List<TaskFuture<?>> cancelled = new ArrayList<>();
        for (TaskFuture<?> f : List.copyOf(outstanding)) {
            if (f.cancel(false)) {
                cancelled.add(f);
            }
        }
        return cancelled;
    }

    private void stop() {
        submitter.interrupt();
        TaskGroupMonitor m = monitor;
        if (m != null) {
            m.close();
        }
        // Cancellations already asked for still go out; nothing new comes.
        cancellations.shutdown();
        synchronized (routing) {
            early.clear();
        }
    }

    // --- the submitter thread -----------------------------------------------------------------

    private void submitBatches() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<PendingTask> batch = nextBatch();
                try {
                    send(batch);
                } catch (RuntimeException e) {
                    // An answer API.md does not allow, or a bug: this batch fails, the executor goes on.
                    LOG.log(Level.WARNING, e, () -> "a batch of " + batch.size() + " tasks could not be submitted");
                    batch.forEach(t -> t.future().completeExceptionally(e));
                }
            }
        } catch (InterruptedException stopped) {
            // stop(): every future has completed or been cancelled.
        }
    }

    /** Blocks for one task, then gathers more until the batch is full or the linger time is over. */
    private List<PendingTask> nextBatch() throws InterruptedException {
        PendingTask first = carried != null ? carried : queue.take();
        carried = null;
        List<PendingTask> batch = new ArrayList<>();
        batch.add(first);
        long bytes = first.bytes();
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize) {
            long wait = deadline - System.nanoTime();
            PendingTask next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            if (bytes + next.bytes() > maxBatchBytes) {
                carried = next;
                break;
            }
            batch.add(next);
            bytes += next.bytes();
        }
        return batch;
    }

    private void send(List<PendingTask> batch) {
        Map<String, List<PendingTask>> byFunction = new LinkedHashMap<>();
        for (PendingTask task : batch) {
            if (task.future().isDone()) {
                continue; // cancelled while it waited
            }
            try {
                byFunction.computeIfAbsent(functionId(task.function()), id -> new ArrayList<>()).add(task);
            } catch (FuncFabricException e) {
                task.future().completeExceptionally(e);
            }
        }
        if (byFunction.isEmpty()) {
            return;
        }
        Map<String, List<String>> payloads = new LinkedHashMap<>();
        byFunction.forEach((id, tasks) -> payloads.put(id, tasks.stream().map(PendingTask::payload).toList()));
        SubmitResponse response;
        try {
            response = client.submit(endpointId, Submission.of(payloads, taskGroupId));
        } catch (FuncFabricException e) {
            byFunction.values().forEach(tasks -> tasks.forEach(t -> t.future().completeExceptionally(e)));
            return;
        }
        List<String> ids = new ArrayList<>();
        byFunction.forEach((functionId, tasks) -> {
            List<String> taskIds = response.tasks().get(functionId);
            for (int i = 0; i < tasks.size(); i++) {
                attach(tasks.get(i).future(), taskIds.get(i));
            }
            ids.addAll(taskIds);
        });
        monitor().track(ids);
    }

    private String functionId(FunctionRef ref) {
        if (ref instanceof FunctionRef.ByContent c) {
            // Only this thread registers, so a slow registration cannot happen twice.
            return functionIds.computeIfAbsent(c.sha256(), k -> client.registerFunction(c.registration()).functionUuid());
        }
        return ((FunctionRef.Registered) ref).functionId();
    }

    // --- results ------------------------------------------------------------------------------

    /** The monitor of the current group, started on first need: the group exists from its first submit. */
    private synchronized TaskGroupMonitor monitor() {
        if (monitor == null) {
            monitor = TaskGroupMonitor.builder(client, taskGroupId, this::onTerminal)
                    .pollInterval(pollInterval)
                    .eventTimeout(eventTimeout)
                    .useStream(useStream)
                    .build();
            monitor.start();
        }
        return monitor;
    }

    private void attach(TaskFuture<?> future, String taskId) {
        future.submitted(taskId);
        TaskDocument done;
        synchronized (routing) {
            done = early.remove(taskId);
            if (done == null && !future.isDone()) {
                byTaskId.put(taskId, future);
            }
        }
        if (done != null) {
            future.settle(done);
        } else if (future.isCancelled()) {
            cancelRemotely(taskId);
        }
    }

    private void onTerminal(TaskDocument task) {
        TaskFuture<?> future;
        synchronized (routing) {
            future = byTaskId.remove(task.taskId());
            if (future == null) {
                early.put(task.taskId(), task);
            }
        }
        if (future != null) {
            future.settle(task);
        }
    }

    void cancelled(TaskFuture<?> future) {
        String taskId = future.taskId();
        if (taskId == null) {
            queue.removeIf(p -> p.future() == future);
            return;
        }
        synchronized (routing) {
            byTaskId.remove(taskId);
        }
        TaskGroupMonitor m = monitor;
        if (m != null) {
            m.untrack(taskId);
        }
        cancelRemotely(taskId);
    }

    private void cancelRemotely(String taskId) {
        try {
            cancellations.execute(() -> {
                try {
                    client.cancelTask(taskId);
                } catch (FuncFabricException e) {
                    // A service without cancellation (404, 405) or a task that ended meanwhile.
                    LOG.log(Level.FINE, e, () -> "cancelling task " + taskId + " on the service failed");
                }
            });
        } catch (RejectedExecutionException stopped) {
            LOG.fine(() -> "executor stopped; task " + taskId + " not cancelled on the service");
        }
    }

    /** Where the tasks run and how they are batched and followed. */
    public static final class Builder {
        private final FuncFabricClient client;
        private String endpointId;
        private int batchSize = 128;
        private Duration batchLinger = Duration.ofMillis(50);
        private long maxBatchBytes = 8L * 1024 * 1024;
        private String taskGroupId = UUID.randomUUID().toString();
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration eventTimeout = Duration.ofSeconds(30);
        private boolean useStream = true;

        private Builder(FuncFabricClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The endpoint every task runs on. Required. */
        public Builder endpoint(String id) {
            this.endpointId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Most tasks per submit request; default 128, at most the service's 10,000. */
        public Builder batchSize(int size) {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1..10000");
            }
            this.batchSize = size;
            return this;
        }

        /** How long the first task of a batch waits for more; default 50 ms. */
        public Builder batchLinger(Duration linger) {
            this.batchLinger = Objects.requireNonNull(linger, "linger");
            return this;
        }

        /** Most payload bytes per submit request; default 8 MiB, under the service's 10 MB. */
        public Builder maxBatchBytes(long bytes) {
            this.maxBatchBytes = bytes;
            return this;
        }

        /** The task group to use, e.g. one chosen beforehand; default a new random id. */
        public Builder taskGroupId(String id) {
            this.taskGroupId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** How often results are polled when the event stream is down; default 2 s. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** How long a task's event may be overdue before it is polled; default 30 s. */
        public Builder eventTimeout(Duration timeout) {
            this.eventTimeout = timeout;
            return this;
        }

        /** False: poll for results only, without the event stream; default true. */
        public Builder useEventStream(boolean use) {
            this.useStream = use;
            return this;
        }

        public FuncFabricExecutor build() {
            if (endpointId == null) {
                throw new IllegalStateException("endpoint is required");
            }
            return new FuncFabricExecutor(this);
        }
    }
}
