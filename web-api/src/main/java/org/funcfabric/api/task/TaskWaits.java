package org.funcfabric.api.task;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.api.limits.OpenPerUser;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.Excerpt;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.ServiceThreads;
import org.funcfabric.core.task.Broadcast;
import org.funcfabric.core.task.Task;
import org.funcfabric.core.task.TaskEventAppended;
import org.funcfabric.core.task.TaskService;

/**
 * The long polls of this service instance: {@code GET /v2/tasks/{id}?wait=S} requests held open until
 * their task ends or {@code S} seconds pass, without a thread each. They wake on the same notices as
 * the task event streams ({@link Broadcast} {@link TaskEventAppended}, heard by every instance), and
 * read their group's waiting tasks again in one query; a poll whose notice was lost still answers at
 * its deadline with what the store then holds.
 *
 * <p>Settings (MicroProfile Config): {@code fabric.tasks.max-wait-s} (60) the longest wait a request
 * may ask for, {@code fabric.tasks.max-waits-per-user} (1000) waits one user may hold open here at once.
 */
@ApplicationScoped
public class TaskWaits {
    @Inject
    private ServiceThreads threads;
    private ScheduledExecutorService executor;

    @Inject
    private TaskService tasks;

    @Inject
    @ConfigProperty(name = "fabric.tasks.max-wait-s", defaultValue = "60")
    int maxWaitSeconds;

    @Inject
    @ConfigProperty(name = "fabric.tasks.max-waits-per-user", defaultValue = "1000")
    int maxWaitsPerUser;

    private final Map<String, Set<Waiter>> byGroup = new ConcurrentHashMap<>();
    private OpenPerUser openPerUser;

    @PostConstruct
    void start() {
        executor = threads.pool(ServiceThreads.Pool.TASK_EVENT_STREAMS);
        openPerUser = new OpenPerUser(maxWaitsPerUser, "At most " + maxWaitsPerUser
                + " requests with wait may be open at once per user; wait for one to end first");
    }

    /** One held request. {@link #done} makes sure it is answered once, whoever gets there first. */
    private final class Waiter {
        final Caller caller;
        final String taskId;
        final String taskGroupId;
        final AsyncResponse response;
        final AtomicBoolean done = new AtomicBoolean();
        volatile ScheduledFuture<?> deadline;

        Waiter(Caller caller, Task task, AsyncResponse response) {
            this.caller = caller;
            this.taskId = task.id();
            this.taskGroupId = task.taskGroupId();
            this.response = response;
        }

        void answer(Task task) {
            if (done.compareAndSet(false, true)) {
                remove(this);
                if (deadline != null) {
                    deadline.cancel(false);
                }
                response.resume(TaskDocument.from(task));
            }
        }

        /** At the deadline, or when the service stops: the task as the store has it now. */
        void answerNow() {
            if (!done.get()) {
                try {
                    answer(tasks.get(caller, taskId));
                } catch (RuntimeException e) {
                    if (done.compareAndSet(false, true)) {
                        remove(this);
                        response.resume(e);
                    }
                }
            }
        }
    }

    /**
     * The longest wait a request may ask for, checked by the resource before it suspends.
     *
     * @throws FabricException 400 for a wait that is not a number of seconds from 0 to the maximum
     */
    public Duration parse(String wait) {
        try {
            double seconds = Double.parseDouble(wait.strip());
            if (seconds >= 0 && seconds <= maxWaitSeconds) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new FabricException(ErrorCode.REQUEST_MALFORMED,
                "wait must be a number of seconds from 0 to " + maxWaitSeconds + ", not '" + Excerpt.of(wait, 32) + "'");
    }

    /**
     * Answers {@code response} with the task's document once it ends, or after {@code wait} with the
     * document as it is then. Returns at once.
     *
     * @param task the task as the caller may see it, read just before, not yet ended
     * @throws FabricException 429 when the user already holds the most waits allowed here
     */
    public void await(Caller caller, Task task, Duration wait, AsyncResponse response) {
        openPerUser.reserve(caller.subject());
        Waiter waiter = new Waiter(caller, task, response);
        byGroup.computeIfAbsent(waiter.taskGroupId, g -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.deadline = executor.schedule(waiter::answerNow, wait.toMillis(), TimeUnit.MILLISECONDS);
        // it may have ended between the caller's read and this registration, unheard by this waiter
        recheck(waiter.taskGroupId);
    }

    void onAppended(@ObservesAsync @Broadcast TaskEventAppended event) {
        recheck(event.taskGroupId());
    }

    private void recheck(String taskGroupId) {
        Set<Waiter> waiting = byGroup.get(taskGroupId);
        if (waiting == null || waiting.isEmpty()) {
            return;
        }
        List<Waiter> snapshot = List.copyOf(waiting);
        // one group, one owner: the first waiter's caller may read all of them
        Map<String, Task> found = tasks.find(snapshot.get(0).caller, snapshot.stream().map(w -> w.taskId).toList());
        for (Waiter waiter : snapshot) {
            Task task = found.get(waiter.taskId);
            if (task != null && task.status().isTerminal()) {
                waiter.answer(task);
            }
        }
    }

    @PreDestroy
    void answerAll() {
        byGroup.values().stream().flatMap(Set::stream).toList().forEach(Waiter::answerNow);
    }

    private void remove(Waiter waiter) {
        byGroup.computeIfPresent(waiter.taskGroupId, (group, waiting) -> {
            waiting.remove(waiter);
            return waiting.isEmpty() ? null : waiting;
        });
        openPerUser.release(waiter.caller.subject());
    }
}
