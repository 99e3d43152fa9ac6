package org.funcfabric.core.common;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Named pools of threads made by the container's {@link ManagedThreadFactory}, for the hand-offs of the
 * task path: sending a submission's messages after its commit, announcing results, waking long polls
 * and event streams, and their timers.
 *
 * <p>Why not a {@code ManagedExecutorService}: it captures the caller's context on every task it is
 * given, and Payara's capture walks the class path (a {@code ServiceLoader} over every jar) each time —
 * JFR found it on every submit and every stored result. A thread of a managed thread factory carries
 * the application's context from its creation, so a pool of them pays that once per thread. A pool's
 * threads are all started when it is first asked for; ask for it while the application starts (a
 * static {@code @Initialized(ApplicationScoped.class)} observer, which does not create the bean that
 * uses the pool before its resources exist), so that they carry the application's context rather
 * than a request's. The pools stop with the application.
 */
@ApplicationScoped
public class ServiceThreads {
    @Resource
    private ManagedThreadFactory factory;

    private final Map<String, ScheduledThreadPoolExecutor> pools = new ConcurrentHashMap<>();

    /** The pool of this name, started with {@code threads} threads when first asked for. */
    public ScheduledExecutorService pool(String name, int threads) {
        return pools.computeIfAbsent(name, n -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, factory);
            pool.setRemoveOnCancelPolicy(true);
            pool.prestartAllCoreThreads();
            return pool;
        });
    }

    @PreDestroy
    void stop() {
        pools.values().forEach(ScheduledThreadPoolExecutor::shutdownNow);
    }
}
