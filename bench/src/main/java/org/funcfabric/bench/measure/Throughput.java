package org.funcfabric.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.TaskEventSubscription;
import org.funcfabric.client.model.TaskEvent;

/**
 * {@code n} tasks submitted in requests of {@code batch}, back to back, into one task group whose event
 * stream collects every result meanwhile: tasks per second from the first submit to the last result.
 */
public final class Throughput {
    /** Whatever the count, a run that makes less progress than this rate has hung. */
    static final Duration BASE_DEADLINE = Duration.ofMinutes(2);
    static final int SLOWEST_TASKS_PER_SECOND = 10;

    /**
     * @param tasksPerSecond n over the time from the first submit to the last result
     * @param submitMillis   the wall time of each submit request, as the client saw it
     * @param hops           the task path's hops of every task
     */
    public record Outcome(double tasksPerSecond, List<Double> submitMillis, Hops hops) {
    }

    private Throughput() {
    }

    public static Outcome run(FuncFabricClient client, String endpointId, String functionId,
                              IntFunction<String> payload, int n, int batch) throws InterruptedException, TimeoutException {
        Tasks tasks = new Tasks(client, endpointId, UUID.randomUUID().toString());
        CountDownLatch done = new CountDownLatch(n);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Hops hops = new Hops();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Double> submitMillis = new ArrayList<>();
        TaskEventSubscription subscription = null;
        long t0 = System.nanoTime();
        try {
            for (int from = 0; from < n; from += batch) {
                List<String> payloads = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + batch); i++) {
                    payloads.add(payload.apply(i));
                }
                long s0 = System.nanoTime();
                tasks.submit(functionId, payloads);
                submitMillis.add((System.nanoTime() - s0) / 1e6);
                if (subscription == null) {
                    // The group exists from its first submit on; the stream starts at its first event.
                    subscription = client.subscribe(tasks.taskGroupId(), 0, event -> {
                        try {
                            Tasks.requireSuccess(event.task());
                        } catch (IllegalStateException e) {
                            failure.compareAndSet(null, e);
                        }
                        if (seen.add(event.task().taskId())) {
                            hops.accept(event.task());
                            done.countDown();
                        }
                    }, e -> failure.compareAndSet(null, e));
                }
                throwIfFailed(failure);
            }
            long deadline = System.nanoTime() + BASE_DEADLINE.toNanos() + TimeUnit.SECONDS.toNanos(n / SLOWEST_TASKS_PER_SECOND);
            while (!done.await(200, TimeUnit.MILLISECONDS)) {
                throwIfFailed(failure);
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(done.getCount() + " of " + n + " tasks had not ended");
                }
            }
            long t1 = System.nanoTime();
            throwIfFailed(failure);
            return new Outcome(n / ((t1 - t0) / 1e9), submitMillis, hops);
        } finally {
            if (subscription != null) {
                subscription.close();
            }
        }
    }

    private static void throwIfFailed(AtomicReference<RuntimeException> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("throughput run failed: " + failure.get().getMessage(), failure.get());
        }
    }
}
