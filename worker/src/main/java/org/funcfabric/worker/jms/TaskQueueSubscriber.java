package org.funcfabric.worker.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.protocol.TaskMessage;
import org.funcfabric.worker.task.TaskOutcome;
import org.funcfabric.worker.task.TaskRunner;

/**
 * One slot of a worker (Globus Compute's role of the same name): a thread that takes one task at a
 * time from the endpoint's queue, runs it and sends its result to {@code fabric.results}, in one JMS
 * transaction. The task is acknowledged only by the commit that also sends its result, so a worker that
 * dies or gives up mid-task leaves the task to be redelivered (ARCHITECTURE.md, "Rules that keep tasks
 * safe").
 */
public final class TaskQueueSubscriber {
    /** The JMS string property carrying the task id on task and result messages. */
    public static final String TASK_ID_PROPERTY = "taskId";

    private static final Logger LOG = Logger.getLogger(TaskQueueSubscriber.class.getName());
    private static final long RECEIVE_TIMEOUT_MS = 1000;
    private static final long ERROR_PAUSE_MS = 1000;

    private final String name;
    private final BrokerConnection broker;
    private final String queue;
    private final String endpointId;
    private final String workerId;
    private final TaskRunner runner;
    private Session session;
    private MessageConsumer consumer;
    private MessageProducer producer;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean abandoned;
    private volatile String runningTask;

    /**
     * @param name       the slot's name in logs and its thread's name
     * @param queue      the task queue to consume
     * @param endpointId written into every result
     * @param workerId   written into every result
     */
    public TaskQueueSubscriber(String name, BrokerConnection broker, String queue, String endpointId,
                               String workerId, TaskRunner runner) {
        this.name = name;
        this.broker = broker;
        this.queue = queue;
        this.endpointId = endpointId;
        this.workerId = workerId;
        this.runner = runner;
    }

    public void start() throws JMSException {
        session = broker.createTransactedSession();
        consumer = session.createConsumer(session.createQueue(queue));
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
        return runningTask;
    }

    private void loop() {
        while (running) {
            Message message;
            try {
                message = consumer.receive(RECEIVE_TIMEOUT_MS);
            } catch (JMSException e) {
                if (running) {
                    LOG.warning(() -> name + ": receiving from " + queue + " failed: " + e);
                    pause();
                }
                continue;
            }
            if (message == null) {
                continue;
            }
            long deliveredAt = System.currentTimeMillis();
            try {
                if (!running) {
                    // Stopped while waiting: hand the task straight back rather than start it.
                    session.rollback();
                    break;
                }
                if (rollbackOnly()) {
                    // A reconnect doomed this transaction: its commit would be refused after the task ran,
                    // so hand the task back now and let it be redelivered without running twice.
                    LOG.info(() -> name + ": transaction interrupted by a reconnect; task handed back for redelivery");
                    session.rollback();
                    continue;
                }
                handle(message, deliveredAt);
            } catch (JMSException e) {
                if (!abandoned) {
                    LOG.warning(() -> name + ": the result was not sent; the task goes back to the queue: " + e);
                }
                rollback();
            } finally {
                runningTask = null;
            }
        }
        LOG.fine(() -> name + ": stopped");
    }

    private void handle(Message message, long deliveredAt) throws JMSException {
        TaskMessage task;
        try {
            task = parse(message);
        } catch (ProtocolException e) {
            rejectMalformed(message, e, deliveredAt);
            return;
        }
        runningTask = task.taskId();
        if (message.getJMSRedelivered()) {
            LOG.info(() -> name + ": task " + task.taskId() + " is a redelivery");
        }
        long startedAt = System.currentTimeMillis();
        TaskOutcome outcome = run(task);
        long endedAt = System.currentTimeMillis();
        if (abandoned) {
            // Sending nothing and not committing: closing the connection rolls the task back for redelivery.
            return;
        }
        publish(task.taskId(), outcome, deliveredAt, startedAt, endedAt);
        session.commit();
        if (outcome.success()) {
            LOG.fine(() -> name + ": task " + task.taskId() + " succeeded in " + (endedAt - startedAt) + " ms");
        } else {
            LOG.info(() -> name + ": task " + task.taskId() + " failed in " + (endedAt - startedAt) + " ms: "
                    + errorLine(outcome.exception()));
        }
    }

    private TaskOutcome run(TaskMessage task) {
        try {
            return runner.run(task);
        } catch (RuntimeException e) {
            // A worker bug would fail the same way on every redelivery; report it instead of looping.
            LOG.log(Level.SEVERE, name + ": task " + task.taskId() + " broke the worker", e);
            return TaskOutcome.failure("WorkerError: " + e);
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

    /** A message that can never succeed: fail its task if it names one, and acknowledge it either way. */
    private void rejectMalformed(Message message, ProtocolException problem, long deliveredAt) throws JMSException {
        String taskId = readableTaskId(message);
        LOG.warning(() -> name + ": malformed task message " + messageId(message) + " (" + problem.getMessage()
                + (taskId == null ? "); dropped" : "); failing task " + taskId));
        if (taskId != null) {
            TaskOutcome failure = TaskOutcome.failure("DeserializationError: malformed task message: "
                    + problem.getMessage());
            publish(taskId, failure, deliveredAt, deliveredAt, deliveredAt);
        }
        session.commit();
    }

    private static String readableTaskId(Message message) throws JMSException {
        String property = message.getStringProperty(TASK_ID_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        if (message instanceof TextMessage text && text.getText() != null) {
            try (var reader = Json.createReader(new StringReader(text.getText()))) {
                String id = reader.readObject().getString("taskId", null);
                return id == null || id.isBlank() ? null : id;
            } catch (JsonException e) {
                return null;
            }
        }
        return null;
    }

    private void publish(String taskId, TaskOutcome outcome, long deliveredAt, long startedAt, long endedAt)
            throws JMSException {
        ResultMessage result = new ResultMessage(ResultMessage.VERSION, taskId, endpointId, workerId,
                outcome.success() ? ResultMessage.SUCCESS : ResultMessage.FAILED, outcome.result(),
                outcome.exception(), deliveredAt, startedAt, endedAt, System.currentTimeMillis(), 1);
        TextMessage message = session.createTextMessage(ProtocolJson.toJson(result));
        message.setStringProperty(TASK_ID_PROPERTY, taskId);
        producer.send(message);
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
