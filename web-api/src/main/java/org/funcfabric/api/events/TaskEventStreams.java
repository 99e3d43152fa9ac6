package org.funcfabric.api.events;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.api.limits.OpenPerUser;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.ServiceThreads;
import org.funcfabric.core.task.Broadcast;
import org.funcfabric.core.task.TaskEventAppended;
import org.funcfabric.core.task.TaskService;

/**
 * The task event streams this service instance serves, by task group. Every instance hears every
 * notice on {@code fabric.events} ({@link Broadcast} {@link TaskEventAppended}) and wakes its own
 * streams of that group, so a client may be connected to any instance. It bounds the streams each user
 * may hold open on this instance, and closes them all when the application stops.
 *
 * <p>Settings (MicroProfile Config): {@code fabric.events.keepalive-s} (15) seconds between comment
 * lines on a stream, {@code fabric.events.poll-s} (5) seconds between a stream's own reads of the store
 * in case a notice was lost, {@code fabric.events.max-streams-per-user} (16), and
 * {@code fabric.events.page-size} (500) tasks per read.
 */
@ApplicationScoped
public class TaskEventStreams {
    @Inject
    private ServiceThreads threads;
    private ScheduledExecutorService executor;

    @Inject
    private TaskService tasks;

    @Inject
    @ConfigProperty(name = "fabric.events.keepalive-s", defaultValue = "15")
    int keepAliveSeconds;

    @Inject
    @ConfigProperty(name = "fabric.events.poll-s", defaultValue = "5")
    int pollSeconds;

    @Inject
    @ConfigProperty(name = "fabric.events.max-streams-per-user", defaultValue = "16")
    int maxStreamsPerUser;

    @Inject
    @ConfigProperty(name = "fabric.events.page-size", defaultValue = "500")
    int pageSize;

    private final Map<String, Set<TaskEventStream>> byGroup = new ConcurrentHashMap<>();
    private OpenPerUser openPerUser;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        executor = threads.pool(ServiceThreads.Pool.TASK_EVENT_STREAMS);
        requirePositive("fabric.events.keepalive-s", keepAliveSeconds);
        requirePositive("fabric.events.poll-s", pollSeconds);
        requirePositive("fabric.events.max-streams-per-user", maxStreamsPerUser);
        requirePositive("fabric.events.page-size", pageSize);
        openPerUser = new OpenPerUser(maxStreamsPerUser, "At most " + maxStreamsPerUser
                + " task event streams may be open at once per user; close one first");
    }

    /**
     * Starts streaming the events of a group the caller was checked to own, after event number
     * {@code lastEventId}, into {@code sink}; returns at once, the stream runs on the executor.
     *
     * @throws FabricException 429 when the user already has the most streams allowed open here
     */
    public void open(String owner, String taskGroupId, long lastEventId, SseEventSink sink, Sse sse) {
        reserve(owner);
        TaskEventStream stream = new TaskEventStream(owner, taskGroupId, lastEventId, sink, sse,
                (after, max) -> tasks.eventsAfter(taskGroupId, after, max), pageSize, executor, this::remove);
        byGroup.compute(taskGroupId, (group, streams) -> {
            Set<TaskEventStream> set = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            set.add(stream);
            return set;
        });
        try {
            if (isStopping()) {
                throw stoppingNow();
            }
            stream.start(keepAliveSeconds, pollSeconds);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    void onAppended(@ObservesAsync @Broadcast TaskEventAppended event) {
        Set<TaskEventStream> streams = byGroup.get(event.taskGroupId());
        if (streams != null) {
            streams.forEach(s -> s.announced(event.eventNumber()));
        }
    }

    @PreDestroy
    void closeAll() {
        stopping = true;
        List<TaskEventStream> open = byGroup.values().stream().flatMap(Set::stream).toList();
        open.forEach(TaskEventStream::close);
    }

    private void reserve(String owner) {
        if (stopping) {
            throw stoppingNow();
        }
        openPerUser.reserve(owner);
    }

    private void remove(TaskEventStream stream) {
        byGroup.computeIfPresent(stream.taskGroupId(), (group, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        openPerUser.release(stream.owner());
    }

    private boolean isStopping() {
        return stopping;
    }

    private static FabricException stoppingNow() {
        return new FabricException(ErrorCode.SERVICE_UNAVAILABLE, "The service is stopping; reconnect shortly");
    }

    private static void requirePositive(String key, int value) {
        if (value < 1) {
            throw new IllegalStateException(key + "=" + value + " must be at least 1");
        }
    }
}
