package org.funcfabric.worker.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.worker.OwnerOnlyDirectories;

/**
 * Results the worker computed but could not send, kept on disk as {@code <dir>/results/<task-id>.json}
 * until the broker is back (STYLE.md: unsent results go to disk and are re-sent). A commit that fails
 * may still have reached the broker, so a spooled result can arrive twice; the service keeps the first
 * terminal result of a task, which makes that harmless.
 */
public final class ResultSpool {
    private static final Logger LOG = Logger.getLogger(ResultSpool.class.getName());

    private final Path dir;

    /** @param spoolDir the worker's spool directory; results go to its {@code results} subdirectory */
    public ResultSpool(Path spoolDir) {
        this.dir = spoolDir.resolve("results");
    }

    /** Writes the result atomically, replacing an older one of the same task. */
    public void save(ResultMessage result) {
        try {
            OwnerOnlyDirectories.create(dir);
            Path tmp = Files.createTempFile(dir, result.taskId(), ".tmp");
            Files.writeString(tmp, ProtocolJson.toJson(result));
            Files.move(tmp, dir.resolve(result.taskId() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            LOG.info(() -> "spooled the " + result.status() + " result of task " + result.taskId() + " in " + dir);
        } catch (IOException e) {
            // Nothing else can hold it: the broker redelivers the task, which is then run again.
            LOG.log(Level.SEVERE, "cannot spool the result of task " + result.taskId() + " in " + dir, e);
        }
    }

    /** The spooled results, oldest first by name order; empty when there are none. */
    List<Path> spooled() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends every spooled result, committing and deleting one file at a time.
     *
     * @return how many were sent
     * @throws JMSException when the broker is gone again; what was not sent stays spooled
     */
    public int resend(BrokerConnection broker) throws JMSException, IOException {
        List<Path> files = spooled();
        if (files.isEmpty()) {
            return 0;
        }
        Session session = broker.createTransactedSession();
        try {
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.RESULTS));
            for (Path file : files) {
                String json = Files.readString(file);
                ResultMessage result = ProtocolJson.fromJson(json, ResultMessage.class);
                TextMessage message = session.createTextMessage(json);
                message.setStringProperty(TaskQueueSubscriber.TASK_ID_PROPERTY, result.taskId());
                producer.send(message);
                session.commit();
                Files.delete(file);
            }
        } finally {
            session.close();
        }
        LOG.info(() -> "re-sent " + files.size() + " spooled results");
        return files.size();
    }
}
