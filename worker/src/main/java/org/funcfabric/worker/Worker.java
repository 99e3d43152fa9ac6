package org.funcfabric.worker;

import jakarta.jms.JMSException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Logger;
import org.funcfabric.worker.java.JavaExecutor;
import org.funcfabric.worker.java.JavaFunctionCache;
import org.funcfabric.worker.jms.BrokerConnection;
import org.funcfabric.worker.jms.CommandSubscriber;
import org.funcfabric.worker.jms.ResultSpool;
import org.funcfabric.worker.jms.SlotContext;
import org.funcfabric.worker.jms.TaskQueueSubscriber;
import org.funcfabric.worker.python.PythonExecutor;
import org.funcfabric.worker.python.PythonRuntime;
import org.funcfabric.worker.shell.ShellExecutor;
import org.funcfabric.worker.task.CancelledTasks;
import org.funcfabric.worker.task.TaskRunner;

/**
 * A worker process's lifecycle: one broker connection, and per slot a subscriber on the endpoint's task
 * queue with its own shell, Python and Java executors (the Java ones share the loaded Java functions). A
 * stop lets running tasks finish for the configured grace, then abandons the rest: their results are not
 * sent, and closing the connection rolls their messages back so the broker redelivers them to another
 * worker.
 *
 * <p>Besides the slots, the worker hears its endpoint's commands (a cancel stops the task in whichever slot
 * runs it), keeps one timer thread for task timeouts, and re-sends the results it spooled while the broker
 * was away once it is connected again.
 */
public final class Worker {
    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    /** How long abandoned slots get to notice, once their processes are killed. */
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(5);

    private final WorkerConfig config;
    private final PythonRuntime python;
    /** Read by the command listener's thread while start() may still be adding slots. */
    private final List<TaskQueueSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<TaskRunner> runners = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CancelledTasks cancelled = new CancelledTasks(CancelledTasks.DEFAULT_CAPACITY,
            CancelledTasks.DEFAULT_RETENTION, Clock.systemUTC());
    private final ResultSpool spool;
    private BrokerConnection broker;
    private CommandSubscriber commands;
    private ScheduledExecutorService deadlines;
    private JavaFunctionCache javaFunctions;
    private volatile boolean started;
    private volatile boolean brokerLost;

    public Worker(WorkerConfig config, PythonRuntime python) {
        this.config = config;
        this.python = python;
        this.spool = new ResultSpool(config.spoolDir());
    }

    /**
     * Connects and starts the slots.
     *
     * @throws JMSException when the broker is unreachable or refuses the worker; nothing is left running
     */
    public synchronized void start() throws JMSException {
        if (started) {
            return;
        }
        broker = new BrokerConnection(config.brokerUrl(), config.brokerUser(), config.brokerPassword(),
                this::onBrokerLost, this::resendSpooled);
        broker.start();
        javaFunctions = new JavaFunctionCache(config.jarCache(), JavaFunctionCache.DEFAULT_CAPACITY);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "worker-timers");
            t.setDaemon(true);
            return t;
        });
        // Every task schedules a timer and cancels it when it ends, thousands a second under a backlog of
        // short tasks: cancelled ones leave the queue at once rather than when they would have fired.
        timers.setRemoveOnCancelPolicy(true);
        deadlines = timers;
        SlotContext context = new SlotContext(config.queue(), config.endpointId(), config.workerId(),
                config.defaultTimeout(), deadlines, cancelled, spool, config.allowedFunctions(), config.trustedSender());
        commands = new CommandSubscriber(broker, config.endpointId(), config.trustedSender(), this::cancel);
        try {
            commands.start();
            for (int i = 1; i <= config.slots(); i++) {
                String name = "slot-" + i;
                TaskRunner runner = new TaskRunner(new ShellExecutor(), new PythonExecutor(python, name),
                        new JavaExecutor(javaFunctions, name));
                runner.start();
                runners.add(runner);
                TaskQueueSubscriber subscriber = new TaskQueueSubscriber(name, broker, context, runner);
                subscriber.start();
                subscribers.add(subscriber);
            }
        } catch (JMSException e) {
            subscribers.forEach(TaskQueueSubscriber::abandon);
            broker.stop();
            runners.forEach(TaskRunner::stop);
            javaFunctions.close();
            deadlines.shutdownNow();
            throw e;
        }
        started = true;
        resendSpooled();
        LOG.info(() -> "worker " + config.workerId() + " of endpoint " + config.endpointId() + " takes tasks from "
                + config.queue() + " with " + config.slots() + " slots"
                + (config.allowedFunctions().isRestricted()
                        ? "; runs only the functions " + config.allowedFunctions() : ""));
    }

    /** Stops taking tasks, lets running ones finish within the grace, gives the rest back; idempotent. */
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        LOG.info(() -> "stopping: running tasks get " + config.stopGrace().toMillis() + " ms to finish");
        subscribers.forEach(TaskQueueSubscriber::stop);
        long deadline = System.nanoTime() + config.stopGrace().toNanos();
        List<TaskQueueSubscriber> busy = new ArrayList<>();
        for (TaskQueueSubscriber s : subscribers) {
            if (!await(s, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                busy.add(s);
            }
        }
        // Order matters: mark first so nothing more is sent, close so the broker takes the tasks back,
        // then kill the processes so the slots' threads return.
        List<String> givenBack = new ArrayList<>();
        for (TaskQueueSubscriber s : busy) {
            String taskId = s.abandon();
            if (taskId != null) {
                givenBack.add(taskId);
            }
        }
        commands.stop();
        broker.stop();
        runners.forEach(TaskRunner::stop);
        for (TaskQueueSubscriber s : busy) {
            await(s, ABANDON_WAIT);
        }
        javaFunctions.close();
        deadlines.shutdownNow();
        if (!givenBack.isEmpty()) {
            LOG.info(() -> "gave tasks back to the broker for redelivery: " + String.join(", ", givenBack));
        }
        LOG.info(() -> "worker " + config.workerId() + " stopped");
        stopped.countDown();
    }

    public boolean isStarted() {
        return started;
    }

    /** Blocks until {@link #stop()} has completed. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** True when the worker stopped because the broker connection could not be re-established. */
    public boolean brokerLost() {
        return brokerLost;
    }

    /**
     * Cancels tasks: remembered first, so one still queued is skipped when it arrives, then stopped in
     * whichever slot runs it; the slot sends the {@code cancelled} result.
     */
    public void cancel(List<String> taskIds) {
        cancelled.addAll(taskIds);
        for (String id : taskIds) {
            subscribers.forEach(s -> s.halt(id, TaskQueueSubscriber.Halt.CANCELLED));
        }
    }

    /** Sends what an earlier failure spooled; on the timer thread, since the client's callback must not block. */
    private void resendSpooled() {
        deadlines.execute(() -> {
            try {
                spool.resend(broker);
            } catch (JMSException | IOException | RuntimeException e) {
                // The results stay spooled; the next reconnection tries again.
                LOG.warning(() -> "re-sending spooled results failed: " + e);
            }
        });
    }

    private void onBrokerLost() {
        brokerLost = true;
        // Not on the client's callback thread: stopping closes the connection that thread belongs to.
        Thread stopper = new Thread(this::stop, "worker-stop");
        stopper.start();
    }

    private static boolean await(TaskQueueSubscriber subscriber, Duration timeout) {
        try {
            return subscriber.awaitStopped(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
