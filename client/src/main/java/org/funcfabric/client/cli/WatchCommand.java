package org.funcfabric.client.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.funcfabric.client.executor.TaskGroupMonitor;
import org.funcfabric.client.model.TaskDocument;
import org.funcfabric.client.model.TaskGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code funcfabric watch}: a task group's progress until every task has ended. A terminal gets one
 * line redrawn in place; anything else (a pipe, a file, {@code --plain}) a plain line at most once a
 * second when something changed; {@code --json} one JSON object per line.
 */
@Command(name = "watch", description = {
    "Follow a task group until all its tasks have ended: done, failed and pending tasks, rate and ETA.",
    "Exits 0 when every task succeeded, 1 when any failed or was cancelled."})
final class WatchCommand extends FabricCommand {
    private static final long TERMINAL_REDRAW_MS = 200;
    private static final long PLAIN_LINE_MS = 1000;
    private static final Duration GROUP_REFRESH = Duration.ofSeconds(5);

    @Parameters(paramLabel = "TASK_GROUP")
    String taskGroupId;

    @Option(names = "--plain", description = "plain lines even on a terminal")
    boolean plain;

    /** What {@code watch --json} prints, once a second and at the end ({@code finished}). */
    public record ProgressView(String taskGroupId, int total, int succeeded, int failed, int pending, double tasksPerSecond,
                        Long etaSeconds, long elapsedSeconds, boolean finished) {
        static ProgressView of(String group, Progress p, boolean finished) {
            return new ProgressView(group, p.total(), p.succeeded(), p.failed(), p.pending(), p.rate(),
                    p.eta() == null ? null : p.eta().toSeconds(), p.elapsed().toSeconds(), finished);
        }
    }

    private final Set<String> members = ConcurrentHashMap.newKeySet();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    /** Tasks the service completed after the watch began: the rate counts these only. */
    private final AtomicInteger recent = new AtomicInteger();
    private final CountDownLatch allEnded = new CountDownLatch(1);
    private Instant start;

    @Override
    public Integer call() throws InterruptedException {
        start = Instant.now();
        boolean terminal = !plain && !json() && cli().isTerminal();
        try (TaskGroupMonitor monitor = TaskGroupMonitor.builder(client(), taskGroupId, this::ended).build()) {
            refresh(monitor);
            monitor.start();
            Instant nextRefresh = start.plus(GROUP_REFRESH);
            String lastLine = null;
            long lastPrinted = 0;
            long tick = terminal ? TERMINAL_REDRAW_MS : PLAIN_LINE_MS;
            while (!allEnded.await(tick, TimeUnit.MILLISECONDS)) {
                if (Instant.now().isAfter(nextRefresh)) {
                    // Tasks may still be joining the group.
                    refresh(monitor);
                    nextRefresh = Instant.now().plus(GROUP_REFRESH);
                }
                Progress p = progress();
                String line = terminal ? p.bar() : p.line();
                if (terminal) {
                    out().print("\r" + pad(line, lastLine));
                    out().flush();
                    lastLine = line;
                } else if (!line.equals(lastLine) && System.nanoTime() - lastPrinted >= PLAIN_LINE_MS * 1_000_000) {
                    print(p, line, false);
                    lastLine = line;
                    lastPrinted = System.nanoTime();
                }
            }
        }
        Progress done = progress();
        if (terminal) {
            out().println("\r" + pad(done.bar(), null));
        }
        print(done, done.summary(), true);
        return done.failed() > 0 ? ExitCodes.TASK_FAILED : ExitCodes.OK;
    }

    private void print(Progress p, String line, boolean finished) {
        if (json()) {
            printJson(ProgressView.of(taskGroupId, p, finished));
        } else {
            out().println(line);
            out().flush();
        }
    }

    private void refresh(TaskGroupMonitor monitor) {
        TaskGroup group = client().getTaskGroup(taskGroupId);
        group.tasks().forEach(t -> members.add(t.id()));
        monitor.track(members);
        checkEnded();
    }

    private void ended(TaskDocument task) {
        members.add(task.taskId());
        (task.isSuccess() ? succeeded : failed).incrementAndGet();
        if (task.completionT() != null
                && new BigDecimal(task.completionT()).movePointRight(3).longValue() >= start.toEpochMilli()) {
            recent.incrementAndGet();
        }
        checkEnded();
    }

    private void checkEnded() {
        if (succeeded.get() + failed.get() >= members.size() && !members.isEmpty()) {
            allEnded.countDown();
        }
    }

    private Progress progress() {
        Duration elapsed = Duration.between(start, Instant.now());
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return new Progress(members.size(), succeeded.get(), failed.get(), recent.get() / seconds, elapsed);
    }

    /** {@code line} with spaces over what is left of the previous, longer line. */
    private static String pad(String line, String previous) {
        int extra = previous == null ? 0 : previous.length() - line.length();
        return extra > 0 ? line + " ".repeat(extra) : line;
    }
}
