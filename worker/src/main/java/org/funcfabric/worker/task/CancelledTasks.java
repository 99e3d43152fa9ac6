package org.funcfabric.worker.task;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of tasks cancelled recently, so that a cancelled task still queued is skipped when it reaches
 * this worker. Bounded in count and age: a cancel is only remembered as long as the task could plausibly
 * still be on its way; thread-safe.
 */
public final class CancelledTasks {
    public static final int DEFAULT_CAPACITY = 100_000;
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

    private final int capacity;
    private final Duration retention;
    private final Clock clock;
    /** Insertion-ordered, so the eldest entry is both the oldest and the first to evict. */
    private final LinkedHashMap<String, Long> cancelledAt = new LinkedHashMap<>();

    public CancelledTasks(int capacity, Duration retention, Clock clock) {
        this.capacity = capacity;
        this.retention = retention;
        this.clock = clock;
    }

    public synchronized void addAll(Collection<String> taskIds) {
        long now = clock.millis();
        for (String id : taskIds) {
            cancelledAt.remove(id);
            cancelledAt.put(id, now);
        }
        expire(now);
        var eldest = cancelledAt.keySet().iterator();
        while (cancelledAt.size() > capacity) {
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized boolean contains(String taskId) {
        expire(clock.millis());
        return cancelledAt.containsKey(taskId);
    }

    private void expire(long now) {
        long oldest = now - retention.toMillis();
        var entries = cancelledAt.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Long> e = entries.next();
            if (e.getValue() >= oldest) {
                break;
            }
            entries.remove();
        }
    }
}
