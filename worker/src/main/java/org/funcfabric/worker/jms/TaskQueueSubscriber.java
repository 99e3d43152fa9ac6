package org.funcfabric.worker.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultBatch;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.protocol.TaskMessage;
import org.funcfabric.worker.task.RetryPolicy;
import org.funcfabric.worker.task.TaskOutcome;
import org.funcfabric.worker.task.TaskRunner;

/**
 * One slot of a worker (Globus Compute's role of the same name): a thread that takes tasks from the
 * endpoint's queue, runs them one at a time and sends their results to {@code fabric.results}, in one
 * JMS transaction. A task is acknowledged only by the commit that also sends its result, so a worker
 * that dies or gives up mid-task leaves the task to be redelivered (ARCHITECTURE.md, "Rules that keep
 * tasks safe").
 *
 * <p>Short tasks share a transaction: after a task, the slot goes on with the next one its consumer
 * already holds, as long as the transaction is younger than {@link #BATCH_LINGER_MS} and holds fewer
 * than {@link #BATCH_MAX_TASKS} tasks and {@link #BATCH_MAX_BYTES} of results; then it sends their
 * results as one {@link ResultBatch} and commits. A lone task is committed at once, so batching costs
 * no latency; a burst of no-ops costs one message and one commit per batch instead of per task. Lost
 * with its worker mid-batch, every task of the batch is redelivered, the finished ones too.
 *
 * <p>While a task runs, the slot's consumer already holds the next one (a window of one message,
 * {@link BrokerConnection}), so short tasks follow each other without a broker round trip. A task that
 * runs longer than {@link #PREFETCH_RELEASE_MS} would keep that next one waiting while other slots may
 * be idle: the slot then closes its consumer, which gives the held task back to the queue (not counted
 * as a delivery), and opens a new one when the long task has ended.
 */
public final class TaskQueueSubscriber {
    /** The JMS string property carrying the task id on task and result messages. */
    public static final String TASK_ID_PROPERTY = "taskId";

    private static final Logger LOG = Logger.getLogger(TaskQueueSubscriber.class.getName());
    private static final long RECEIVE_TIMEOUT_MS = 1000;
    private static final long ERROR_PAUSE_MS = 1000;
    /**
     * 100 rather than 20: under a backlog the service stores results a batch per transaction, and every
     * batch of one task group waits for that group's row lock, so fewer, larger batches drain it faster
     * (docs/performance.md, "Third round"); a result waits at most this long for its batch's commit.
     */
    static final long BATCH_LINGER_MS = 100;
    static final int BATCH_MAX_TASKS = 100;
    static final long BATCH_MAX_BYTES = 1 << 20;
    /**
     * Half a second: longer than a short task, so a burst never pays the consumer's close and reopen;
     * short enough that a task held behind a long one waits little for an idle slot.
     */
    static final long PREFETCH_RELEASE_MS = 500;

    /** Why a running task was stopped before it ended. */
    public enum Halt { CANCELLED, TIMED_OUT }

    private final String name;
    private final BrokerConnection broker;
    private final SlotContext context;
    private final TaskRunner runner;
    /** Guards {@link #runningTask} and {@link #halt}, so a halt never reaches the slot's next task. */
    private final Object taskLock = new Object();
    private Session session;
    private Queue queue;
    /** Null while released; guarded by {@link #taskLock}, used by the slot's thread only between tasks. */
    private MessageConsumer consumer;
    private MessageProducer producer;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean abandoned;
    private String runningTask;
    private Halt halt;
    /** The results of the open transaction, sent and committed together by {@link #commit()}. */
    private final List<ResultMessage> pending = new ArrayList<>();
    private long pendingBytes;

    /**
     * @param name the slot's name in logs and its thread's name
     */
    public TaskQueueSubscriber(String name, BrokerConnection broker, SlotContext context, TaskRunner runner) {
        this.name = name;
        this.broker = broker;
        this.context = context;
        this.runner = runner;
    }

    public void start() throws JMSException {
        session = broker.createTransactedSession();
        queue = session.createQueue(context.queue());
        consumer = session.createConsumer(queue);
        producer = session.createProducer(session.createQueue(Destinations.RESULTS));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        running = true;
        thread = new Thread(this::loop, name);
        thread.start();
    }

    /** Stops taking tasks; a task already running finishes and its result is sent. */
    public void stop() {
        running = false;
    }

    public boolean isStarted() {
        return running;
    }

    /** Waits for the slot's thread to end; true when it has. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        if (thread == null) {
            return true;
        }
        long millis = timeout.toMillis();
        if (millis > 0) {
            thread.join(millis);
        }
        return !thread.isAlive();
    }

    /**
     * Gives up the running task: its result will not be sent, so when the connection closes the broker
     * rolls the task back and redelivers it to another worker.
     *
     * @return the id of the task given up, or null when the slot was idle
     */
    public String abandon() {
        abandoned = true;
        running = false;
        synchronized (taskLock) {
            return runningTask;
        }
    }

    /**
     * Stops {@code taskId} if this slot is running it: its processes are killed (a Java function is
     * interrupted) and its result becomes {@code cancelled} or a {@code TaskTimeout} failure.
     *
     * @return true when this slot was running the task
     */
    public boolean halt(String taskId, Halt why) {
        synchronized (taskLock) {
            if (!taskId.equals(runningTask) || halt != null) {
                return false;
            }
            halt = why;
            runner.abort();
            return true;
        }
    }

    private void loop() {
        while (running) {
            Message message;
            try {
                message = consumer().receive(RECEIVE_TIMEOUT_MS);
            } catch (JMSException e) {
                if (running) {
                    LOG.warning(() -> name + ": receiving from " + context.queue() + " failed: " + e);
                    pause();
                }
                continue;
            }
            if (message == null) {
                continue;
            }
            try {
                if (!running) {
                    // Stopped while waiting: hand the task straight back rather than start it.
                    session.rollback();
                    break;
                }
                if (runBatch(message)) {
                    commit();
                }
            } catch (JMSException e) {
                if (!abandoned) {
                    LOG.warning(() -> name + ": the results were not sent; their tasks go back to the queue: " + e);
                }
                rollback();
            } finally {
                finishTask();
                pending.clear();
                pendingBytes = 0;
            }
        }
        LOG.fine(() -> name + ": stopped");
    }

    /**
     * Runs {@code first} and the tasks the consumer already holds after it, while the batch may grow.
     *
     * @return true when the batch is to be committed, false when it was handed back or abandoned
     */
    private boolean runBatch(Message first) throws JMSException {
        long openedAt = System.currentTimeMillis();
        int tasks = 0;
        Message message = first;
        while (message != null) {
            if (rollbackOnly()) {
                // A reconnect doomed this transaction: its commit would be refused after the task ran,
                // so hand the batch back now and let it be redelivered.
                LOG.info(() -> name + ": transaction interrupted by a reconnect; tasks handed back for redelivery");
                session.rollback();
                return false;
            }
            handle(message, System.currentTimeMillis());
            finishTask();
            if (abandoned) {
                // Sending nothing and not committing: closing the connection rolls the tasks back for redelivery.
                return false;
            }
            tasks++;
            boolean grows = running && tasks < BATCH_MAX_TASKS && pendingBytes < BATCH_MAX_BYTES
                    && System.currentTimeMillis() - openedAt < BATCH_LINGER_MS;
            message = grows ? consumer().receiveNoWait() : null;
        }
        return true;
    }

    private void handle(Message message, long deliveredAt) throws JMSException {
        String sender = message.getStringProperty(Destinations.SENDER_PROPERTY);
        if (!context.trustedSender().sent(sender)) {
            dropForeign(message, sender);
            return;
        }
        TaskMessage task;
        try {
            task = parse(message);
        } catch (ProtocolException e) {
            rejectMalformed(message, e, deliveredAt);
            return;
        }
        synchronized (taskLock) {
            runningTask = task.taskId();
        }
        // Checked after runningTask is set, and cancels are recorded before slots are asked to halt:
        // a cancel racing with this delivery is seen by one side or the other.
        if (context.cancelled().contains(task.taskId())) {
            LOG.info(() -> name + ": task " + task.taskId() + " was cancelled before it ran");
            answer(result(task, ResultMessage.CANCELLED, null, null, deliveredAt, deliveredAt, deliveredAt));
            return;
        }
        if (!context.allowedFunctions().permits(task.functionId())) {
            refuse(task, deliveredAt);
            return;
        }
        int deliveries = message.propertyExists(Destinations.DELIVERY_COUNT_PROPERTY)
                ? message.getIntProperty(Destinations.DELIVERY_COUNT_PROPERTY) : 1;
        if (deliveries > 1 + task.maxRetries()) {
            String lost = FailureType.WORKER_LOST + ": task " + task.taskId() + " was lost with its worker "
                    + (deliveries - 1) + " times on endpoint " + context.endpointId() + " (max_retries="
                    + task.maxRetries() + ")";
            LOG.warning(() -> name + ": " + lost);
            answer(result(task, ResultMessage.FAILED, null, lost, deliveredAt, deliveredAt, deliveredAt));
            return;
        }
        if (deliveries > 1) {
            LOG.info(() -> name + ": task " + task.taskId() + " is delivery " + deliveries + " of its attempt "
                    + task.attempt() + "; an earlier worker was lost running it");
        }
        Duration timeout = timeout(task);
        long startedAt = System.currentTimeMillis();
        ScheduledFuture<?> deadline = timeout.isZero() ? null : context.deadlines().schedule(
                () -> halt(task.taskId(), Halt.TIMED_OUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> release = context.deadlines().schedule(
                () -> releasePrefetched(task.taskId()), PREFETCH_RELEASE_MS, TimeUnit.MILLISECONDS);
        TaskOutcome outcome = halted()
                ? TaskOutcome.failure(FailureType.TASK_ABORTED + ": halted before it started") : run(task);
        release.cancel(false);
        if (deadline != null) {
            deadline.cancel(false);
        }
        long endedAt = System.currentTimeMillis();
        Halt why = finishTask();
        if (abandoned) {
            return;
        }
        ResultMessage result;
        if (why == Halt.CANCELLED) {
            result = result(task, ResultMessage.CANCELLED, null, null, deliveredAt, startedAt, endedAt);
        } else if (why == Halt.TIMED_OUT) {
            result = result(task, ResultMessage.FAILED, null, FailureType.TASK_TIMEOUT + ": task " + task.taskId()
                    + " exceeded its timeout of " + seconds(timeout) + " s", deliveredAt, startedAt, endedAt);
        } else {
            result = result(task, outcome.success() ? ResultMessage.SUCCESS : ResultMessage.FAILED, outcome.result(),
                    outcome.exception(), deliveredAt, startedAt, endedAt);
        }
        if (ResultMessage.FAILED.equals(result.status()) && task.attempt() <= task.maxRetries()
                && RetryPolicy.retries(result.exception(), task.retryOn())) {
            // The service queues the next attempt when it records this one's failure: endpoints may not send tasks.
            result = withStatus(result, ResultMessage.RETRYING);
            String error = errorLine(result.exception());
            LOG.info(() -> name + ": task " + task.taskId() + " attempt " + task.attempt() + " failed (" + error
                    + "); the service schedules attempt " + (task.attempt() + 1));
        }
        answer(result);
        ResultMessage sent = result;
        LOG.fine(() -> name + ": task " + task.taskId() + " " + sent.status() + " in " + (endedAt - startedAt) + " ms"
                + (sent.exception() == null ? "" : ": " + errorLine(sent.exception())));
    }

    /**
     * Fails a task of a function outside the endpoint's allowed_functions without running it. The service
     * refuses such tasks at submission, so one arriving here came through a fault or a stale registration;
     * its failure is sent as final, past the retry policy, since another attempt would be refused too.
     */
    private void refuse(TaskMessage task, long deliveredAt) throws JMSException {
        String refusal = FailureType.FUNCTION_NOT_PERMITTED + ": function " + task.functionId()
                + " is not in the allowed_functions of endpoint " + context.endpointId();
        LOG.warning(() -> name + ": task " + task.taskId() + " refused: " + refusal);
        answer(result(task, ResultMessage.FAILED, null, refusal, deliveredAt, deliveredAt, deliveredAt));
    }

    /** The slot's consumer, opened again after {@link #releasePrefetched} closed it. */
    private MessageConsumer consumer() throws JMSException {
        synchronized (taskLock) {
            if (consumer == null) {
                consumer = session.createConsumer(queue);
            }
            return consumer;
        }
    }

    /**
     * Gives the task the consumer holds back to the queue if {@code taskId} still runs. Called from the
     * timer's thread: while a task runs the slot's thread does not touch the consumer, and closing a
     * consumer from any thread is allowed ({@link MessageConsumer#close()}).
     */
    private void releasePrefetched(String taskId) {
        synchronized (taskLock) {
            if (!taskId.equals(runningTask) || consumer == null) {
                return;
            }
            try {
                consumer.close();
            } catch (JMSException e) {
                // The connection is failing: its consumers and what they hold go back to the queue anyway.
                LOG.fine(() -> name + ": closing the consumer failed: " + e);
            }
            consumer = null;
            LOG.fine(() -> name + ": task " + taskId + " runs long; the task held behind it went back to the queue");
        }
    }

    private boolean halted() {
        synchronized (taskLock) {
            return halt != null;
        }
    }

    /** Clears the slot's task; returns why it was halted, or null when it ran to its end. */
    private Halt finishTask() {
        synchronized (taskLock) {
            Halt why = halt;
            runningTask = null;
            halt = null;
            // A Java function interrupted just as it returned leaves the flag on the slot's thread.
            Thread.interrupted();
            return why;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    private Duration timeout(TaskMessage task) {
        if (task.timeoutS() != null) {
            return task.timeoutS() > 0 ? Duration.ofSeconds(task.timeoutS()) : Duration.ZERO;
        }
        return context.defaultTimeout();
    }

    private TaskOutcome run(TaskMessage task) {
        try {
            return runner.run(task);
        } catch (RuntimeException e) {
            // A worker bug would fail the same way on every redelivery; report it instead of looping.
            LOG.log(Level.SEVERE, name + ": task " + task.taskId() + " broke the worker", e);
            return TaskOutcome.failure(FailureType.WORKER_ERROR + ": " + e);
        }
    }

    private static TaskMessage parse(Message message) throws JMSException {
        if (!(message instanceof TextMessage text) || text.getText() == null) {
            throw new ProtocolException("not a JSON text message");
        }
        TaskMessage task = ProtocolJson.fromJson(text.getText(), TaskMessage.class);
        if (task.v() > TaskMessage.VERSION) {
            throw new ProtocolException("task message version " + task.v() + " is newer than this worker's ("
                    + TaskMessage.VERSION + ")");
        }
        if (task.taskId() == null || task.taskId().isBlank()) {
            throw new ProtocolException("the task message has no taskId");
        }
        if (task.functionCode() == null || task.functionCode().isEmpty()) {
            throw new ProtocolException("the task message has no functionCode");
        }
        return task;
    }

    /**
     * Acknowledges, unrun and unanswered, a task the broker says another user than the service's sent:
     * only the service may queue tasks, so this one came through a broker that let someone else send
     * here. No result is sent, since the service never queued the task; acknowledging keeps it from
     * being redelivered forever.
     */
    private void dropForeign(Message message, String sender) throws JMSException {
        String taskId = readableTaskId(message);
        LOG.warning(() -> name + ": task " + (taskId == null ? "(no id) in message " + messageId(message) : taskId)
                + " sent by broker user " + (sender == null ? "(none stamped)" : sender) + " dropped unrun: tasks"
                + " are accepted only from the service's broker user " + context.trustedSender().user());
    }

    /** A message that can never succeed: fail its task if it names one, and acknowledge it either way. */
    private void rejectMalformed(Message message, ProtocolException problem, long deliveredAt) throws JMSException {
        String taskId = readableTaskId(message);
        LOG.warning(() -> name + ": malformed task message " + messageId(message) + " (" + problem.getMessage()
                + (taskId == null ? "); dropped" : "); failing task " + taskId));
        if (taskId == null) {
            return;
        }
        answer(new ResultMessage(ResultMessage.VERSION, taskId, context.endpointId(), context.workerId(),
                ResultMessage.FAILED, null, FailureType.DESERIALIZATION_ERROR + ": malformed task message: "
                        + problem.getMessage(),
                deliveredAt, deliveredAt, deliveredAt, System.currentTimeMillis(), 1));
    }

    private static String readableTaskId(Message message) throws JMSException {
        String property = message.getStringProperty(TASK_ID_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        if (message instanceof TextMessage text && text.getText() != null) {
            try (var reader = ProtocolJson.jsonP().createReader(new StringReader(text.getText()))) {
                String id = reader.readObject().getString("taskId", null);
                return id == null || id.isBlank() ? null : id;
            } catch (JsonException e) {
                return null;
            }
        }
        return null;
    }

    private ResultMessage result(TaskMessage task, String status, String value, String exception, long deliveredAt,
                                 long startedAt, long endedAt) {
        return new ResultMessage(ResultMessage.VERSION, task.taskId(), context.endpointId(), context.workerId(), status,
                value, exception, deliveredAt, startedAt, endedAt, System.currentTimeMillis(), task.attempt());
    }

    private static ResultMessage withStatus(ResultMessage r, String status) {
        return new ResultMessage(r.v(), r.taskId(), r.endpointId(), r.workerId(), status, r.result(), r.exception(),
                r.deliveredAt(), r.startedAt(), r.endedAt(), r.sentAt(), r.attempt());
    }

    /** Adds a task's result to the open transaction. */
    private void answer(ResultMessage result) {
        pending.add(result);
        pendingBytes += length(result.result()) + length(result.exception());
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    /**
     * Sends the batch's results in one message and commits them with the acknowledgement of its tasks
     * (also of tasks dropped without a result). When the commit fails the results are spooled before the
     * failure goes on to roll the tasks back.
     */
    private void commit() throws JMSException {
        try {
            if (!pending.isEmpty()) {
                TextMessage message = session.createTextMessage(ProtocolJson.toJson(ResultBatch.of(pending)));
                message.setJMSType(ResultBatch.JMS_TYPE);
                producer.send(message);
            }
            session.commit();
        } catch (JMSException e) {
            if (!abandoned) {
                pending.forEach(context.spool()::save);
            }
            throw e;
        }
    }

    private boolean rollbackOnly() {
        return session instanceof ActiveMQSession artemis && artemis.getCoreSession().isRollbackOnly();
    }

    private void rollback() {
        try {
            session.rollback();
        } catch (JMSException e) {
            // Already failing (closed connection, failover): the broker rolls back what was not committed.
            LOG.fine(() -> name + ": rollback failed: " + e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "(no id)";
        }
    }

    /**
     * The line naming the error: a Python traceback ends with it; a Java stack trace has it first, or
     * last among its "Caused by:" lines, followed by frames.
     */
    private static String errorLine(String text) {
        List<String> lines = text == null ? List.of() : text.strip().lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.startsWith("at ") && !line.startsWith("... ")) {
                return line;
            }
        }
        return "";
    }
}
