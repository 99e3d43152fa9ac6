package org.funcfabric.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** java.util.logging to stderr, one compact line per record, each naming the worker. */
final class WorkerLogging {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private WorkerLogging() {
    }

    /**
     * Replaces the root handlers with one stderr handler at {@code level}. Artemis (through SLF4J) logs
     * only warnings unless {@code level} asks for debugging detail.
     */
    static void configure(String workerId, Level level) {
        LogManager manager = LogManager.getLogManager();
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new LineFormatter(workerId));
        root.addHandler(handler);
        root.setLevel(level);
        Logger.getLogger("org.apache.activemq").setLevel(level.intValue() < Level.INFO.intValue() ? level : Level.WARNING);
        if (manager instanceof WorkerLogManager workerManager) {
            workerManager.keepHandlers();
        }
    }

    /** {@code 2025-01-31 12:00:00.123 <worker-id> INFO  Worker: message}, then the stack trace if any. */
    static final class LineFormatter extends Formatter {
        private final String workerId;

        LineFormatter(String workerId) {
            this.workerId = workerId;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(160)
                    .append(TIME.format(LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault())))
                    .append(' ').append(workerId)
                    .append(' ').append(String.format("%-7s", record.getLevel().getName()))
                    .append(' ').append(shortName(record.getLoggerName()))
                    .append(": ").append(formatMessage(record))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String shortName(String logger) {
            return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
        }
    }
}
