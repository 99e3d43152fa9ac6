package org.funcfabric.client.executor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.FuncFabricException;
import org.funcfabric.client.RateLimitedException;
import org.funcfabric.client.ServiceRefusedException;
import org.funcfabric.client.TaskEventSubscription;
import org.funcfabric.client.model.TaskDocument;
import org.funcfabric.client.model.TaskEvent;

/**
 * Hears the tasks of one task group end. The group's event stream is the source; polling
 * {@code POST /v2/batch_status} covers the tracked tasks while the stream is down or unavailable, and
 * those whose event is overdue by the event timeout while it is up. Each task's terminal document is
 * handed to the listener once, whichever way it came.
 *
 * <p>A stream the service refuses (404: no such route or group) is not tried again; one that failed
 * for lack of connection or capacity (429) is reopened from the last event after the retry delay.
 */
public final class TaskGroupMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskGroupMonitor.class.getName());
    /** Ids per batch_status request: one request stays small whatever the group's size. */
    public static final int STATUS_CHUNK = 500;

    private final FuncFabricClient client;
    private final String taskGroupId;
    private final Consumer<TaskDocument> listener;
    private final Duration pollInterval;
    private final Duration eventTimeout;
    private final Duration streamRetry;
    private final boolean useStream;
    private final ScheduledExecutorService scheduler;
    /** Tracked tasks not yet handed over → when to poll them next (System.nanoTime). */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private volatile TaskEventSubscription stream;
    private volatile long lastEventId;
    private volatile boolean streamRefused;
    private volatile long streamFailedAt;
    private volatile boolean closed;

    private TaskGroupMonitor(Builder b) {
        this.client = b.client;
        this.taskGroupId = b.taskGroupId;
        this.listener = b.listener;
        this.pollInterval = b.pollInterval;
        this.eventTimeout = b.eventTimeout;
        this.streamRetry = b.streamRetry;
        this.useStream = b.useStream;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "funcfabric-monitor-" + taskGroupId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A monitor of {@code taskGroupId} that hands each ended task to {@code listener}, on the stream's
     * or the poller's thread.
     */
    public static Builder builder(FuncFabricClient client, String taskGroupId, Consumer<TaskDocument> listener) {
        return new Builder(client, taskGroupId, listener);
    }

    /** Opens the stream (from the group's first event) and starts polling. */
    public void start() {
        if (useStream) {
            openStream();
        }
        scheduler.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Tasks to make sure of: polled when their events do not come. Already handed-over ids are ignored. */
    public void track(Collection<String> taskIds) {
        long due = System.nanoTime() + eventTimeout.toNanos();
        for (String id : taskIds) {
            if (!delivered.contains(id)) {
                pending.putIfAbsent(id, due);
            }
        }
    }

    /** Stops polling for a task, e.g. a cancelled one. */
    public void untrack(String taskId) {
        pending.remove(taskId);
    }

    /** Whether the event stream is connected or reconnecting. */
    public boolean isStreaming() {
        TaskEventSubscription s = stream;
        return s != null && s.isOpen();
    }

    /** Tracked tasks not yet handed over. */
    public int pendingCount() {
        return pending.size();
    }

    public String taskGroupId() {
        return taskGroupId;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        TaskEventSubscription s = stream;
        if (s != null) {
            s.close();
        }
    }

    private void openStream() {
        stream = client.subscribe(taskGroupId, lastEventId, this::onEvent, this::onStreamFailure);
    }

    private void onEvent(TaskEvent event) {
        lastEventId = Math.max(lastEventId, event.id());
        deliver(event.task());
    }

    private void onStreamFailure(FuncFabricException e) {
        streamFailedAt = System.nanoTime();
        streamRefused = e instanceof ServiceRefusedException && !(e instanceof RateLimitedException);
        LOG.log(Level.FINE, e, () -> "event stream of task group " + taskGroupId + " failed, polling"
                + (streamRefused ? " from now on" : " until it is back"));
    }

    private void poll() {
        try {
            if (useStream && !closed && !streamRefused && !isStreaming()
                    && System.nanoTime() - streamFailedAt >= streamRetry.toNanos()) {
                openStream();
            }
            boolean streaming = isStreaming();
            long now = System.nanoTime();
            List<String> due = new ArrayList<>();
            pending.forEach((id, at) -> {
                if (!streaming || at - now <= 0) {
                    due.add(id);
                }
            });
            for (int i = 0; i < due.size() && !closed; i += STATUS_CHUNK) {
                List<String> chunk = due.subList(i, Math.min(due.size(), i + STATUS_CHUNK));
                long next = System.nanoTime() + eventTimeout.toNanos();
                client.batchStatus(chunk).results().forEach((id, task) -> {
                    if (task.isTerminal()) {
                        deliver(task);
                    } else {
                        pending.computeIfPresent(id, (k, at) -> next);
                    }
                });
            }
        } catch (FuncFabricException e) {
            // The next round tries again; a scheduled task that threw would never run again.
            LOG.log(Level.FINE, e, () -> "polling task group " + taskGroupId + " failed");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "polling task group " + taskGroupId + " failed unexpectedly");
        }
    }

    private void deliver(TaskDocument task) {
        if (!task.isTerminal()) {
            return;
        }
        pending.remove(task.taskId());
        if (delivered.add(task.taskId())) {
            try {
                listener.accept(task);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "the listener of task group " + taskGroupId + " failed on task "
                        + task.taskId());
            }
        }
    }

    /** Intervals of the monitor. */
    public static final class Builder {
        private final FuncFabricClient client;
        private final String taskGroupId;
        private final Consumer<TaskDocument> listener;
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration eventTimeout = Duration.ofSeconds(30);
        private Duration streamRetry = Duration.ofSeconds(10);
        private boolean useStream = true;

        private Builder(FuncFabricClient client, String taskGroupId, Consumer<TaskDocument> listener) {
            this.client = Objects.requireNonNull(client, "client");
            this.taskGroupId = Objects.requireNonNull(taskGroupId, "taskGroupId");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        /** How often to poll (and to check whether the stream needs reopening); default 2 s. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** How long a tracked task may go without its event before it is polled; default 30 s. */
        public Builder eventTimeout(Duration timeout) {
            this.eventTimeout = timeout;
            return this;
        }

        /** How long after a failed stream to try it again; default 10 s. */
        public Builder streamRetry(Duration delay) {
            this.streamRetry = delay;
            return this;
        }

        /** False polls only, never opening the event stream; default true. */
        public Builder useStream(boolean use) {
            this.useStream = use;
            return this;
        }

        public TaskGroupMonitor build() {
            return new TaskGroupMonitor(this);
        }
    }
}
