package org.funcfabric.core.task;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.core.common.ServiceThreads;

/**
 * Drives the {@link TaskOutbox}: sends each submission's messages right after its transaction commits,
 * while the submitting thread waits (so the client hears 200 once its tasks are queued), and every
 * few seconds sends again the submissions whose rows are older than
 * {@code fabric.tasks.redispatch-after-s} (30): their send failed or never happened.
 */
@ApplicationScoped
public class TaskOutboxRelay {
    private static final Logger LOG = Logger.getLogger(TaskOutboxRelay.class.getName());
    /** Submissions sent again per transaction of {@link TaskOutbox#resendStale}. */
    private static final int RESEND_BATCH = 100;
    /** Longer than the broker client's own call timeout (30 s), which ends a hung send first. */
    private static final long SEND_TIMEOUT_S = 60;

    @Inject
    private TaskOutbox outbox;

    @Inject
    private TaskDispatcher dispatcher;

    @Inject
    private ServiceThreads threads;

    @Inject
    @ConfigProperty(name = "fabric.tasks.redispatch-after-s", defaultValue = "30")
    int redispatchAfterSeconds;

    private ScheduledExecutorService executor;
    private ScheduledFuture<?> sweep;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (executor != null) {
            return; // an application of several modules starts each
        }
        executor = threads.pool(ServiceThreads.Pool.OUTBOX);
        long period = Math.max(1, Math.min(5, redispatchAfterSeconds));
        sweep = executor.scheduleWithFixedDelay(this::resendStale, period, period, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) TasksStored stored) {
        // On a thread of its own: this one is still associated with the committed transaction, which a
        // send through the resource adapter would try to join. The submitter waits for the send only;
        // the row's deletion follows after it is answered.
        CompletableFuture<Void> queued = new CompletableFuture<>();
        try {
            executor.execute(() -> sendAndForget(stored, queued));
        } catch (RejectedExecutionException e) {
            notSent(stored, e);
            return;
        }
        try {
            queued.get(SEND_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            notSent(stored, e.getCause());
        } catch (TimeoutException e) {
            notSent(stored, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notSent(stored, e);
        }
    }

    private void sendAndForget(TasksStored stored, CompletableFuture<Void> queued) {
        try {
            dispatcher.sendNow(stored.messages());
        } catch (RuntimeException e) {
            queued.completeExceptionally(e);
            return;
        }
        queued.complete(null);
        try {
            outbox.sent(stored.requestId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the outbox row of request " + stored.requestId() + " was not deleted after its"
                    + " send; its open tasks are sent again in " + redispatchAfterSeconds + " s: " + e);
        }
    }

    /** The tasks are stored: the sweep sends them once the broker is back. */
    private void notSent(TasksStored stored, Throwable why) {
        LOG.log(Level.WARNING, stored.messages().size() + " task messages of request " + stored.requestId()
                + " not sent now; they are sent again within " + redispatchAfterSeconds + " s: " + why);
    }

    private void resendStale() {
        try {
            long before = System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(redispatchAfterSeconds);
            while (outbox.resendStale(before, RESEND_BATCH) == RESEND_BATCH) {
                // a backlog (the broker was away): the next batch in a transaction of its own
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "outbox sweep failed; tried again in a few seconds: " + e.getMessage());
        }
    }
}
