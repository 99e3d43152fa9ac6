package org.funcfabric.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.funcfabric.core.task.Broadcast;
import org.funcfabric.core.task.TaskEventAppended;

/**
 * The task events this service instance heard back from the broker's {@code fabric.events}, as the
 * event streams hear them: CDI async events qualified {@link Broadcast}, by task group.
 */
@ApplicationScoped
public class HeardTaskEvents {
    private final Map<String, Set<Long>> byGroup = new ConcurrentHashMap<>();

    void onAppended(@ObservesAsync @Broadcast TaskEventAppended event) {
        byGroup.computeIfAbsent(event.taskGroupId(), g -> ConcurrentHashMap.newKeySet()).add(event.eventNumber());
    }

    /** The event numbers heard for the group so far. */
    public Set<Long> of(String taskGroupId) {
        return Set.copyOf(byGroup.getOrDefault(taskGroupId, Set.of()));
    }
}
