package org.funcfabric.core.common;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The pools of threads of the task path's hand-offs, made by the container's {@link ManagedThreadFactory}:
 * sending a submission's messages after its commit, announcing results, waking long polls and event
 * streams, and their timers.
 *
 * <p>Why not a {@code ManagedExecutorService}: it captures the caller's context on every task it is
 * given, and Payara's capture walks the class path (a {@code ServiceLoader} over every jar) each time —
 * JFR found it on every submit and every stored result. A thread of a managed thread factory carries
 * the application's context from its creation, so a pool of them pays that once per thread. All pools
 * are started while the application starts, so that their threads carry the application's context
 * rather than a request's, and stop with it.
 */
@ApplicationScoped
public class ServiceThreads {
    /** The pools and their sizes. */
    public enum Pool {
        /** Submissions' sends after their commit (one broker transaction each, about a millisecond). */
        OUTBOX(8),
        /** Result announcements on {@code fabric.events} and the wake-ups of this instance's waiters. */
        TASK_EVENTS(4),
        /**
         * Reads, writes and timers of the task event streams, and the long polls' deadlines. A stream runs
         * one short read at a time, so a few threads serve many; a client that stops reading can hold
         * one thread in a blocked write until its connection fails.
         */
        TASK_EVENT_STREAMS(8);

        private final int threads;

        Pool(int threads) {
            this.threads = threads;
        }
    }

    @Resource
    private ManagedThreadFactory factory;

    private final Map<Pool, ScheduledThreadPoolExecutor> pools = new EnumMap<>(Pool.class);

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (Pool p : Pool.values()) {
            pool(p);
        }
    }

    /** The pool; started here if the application's start has not yet done it. */
    public ScheduledExecutorService pool(Pool pool) {
        synchronized (pools) {
            return pools.computeIfAbsent(pool, this::started);
        }
    }

    private ScheduledThreadPoolExecutor started(Pool pool) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(pool.threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        executor.prestartAllCoreThreads();
        return executor;
    }

    @PreDestroy
    void stop() {
        synchronized (pools) {
            pools.values().forEach(ScheduledThreadPoolExecutor::shutdownNow);
        }
    }
}
