package org.funcfabric.client.cli;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.executor.TaskGroupMonitor;
import org.funcfabric.client.model.TaskDocument;

/** Waits for tasks of one group to end, through the group's event stream or polling. */
final class TaskWaiter {
    private static final Duration POLL = Duration.ofSeconds(1);

    private TaskWaiter() {
    }

    /**
     * The terminal documents of {@code taskIds}; those that did not end within {@code timeout} (null:
     * no limit) are absent.
     */
    static Map<String, TaskDocument> await(FuncFabricClient client, String taskGroupId, Collection<String> taskIds,
                                           Duration timeout) throws InterruptedException {
        Set<String> wanted = Set.copyOf(taskIds);
        Map<String, TaskDocument> done = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(wanted.size());
        try (TaskGroupMonitor monitor = TaskGroupMonitor.builder(client, taskGroupId, task -> {
            if (wanted.contains(task.taskId()) && done.putIfAbsent(task.taskId(), task) == null) {
                all.countDown();
            }
        }).pollInterval(POLL).build()) {
            monitor.track(wanted);
            monitor.start();
            if (timeout == null) {
                all.await();
            } else {
                all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return Map.copyOf(done);
    }
}
