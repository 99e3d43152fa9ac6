package org.funcfabric.client.cli;

import java.time.Duration;
import java.util.Locale;

/**
 * A task group's progress as {@code funcfabric watch} shows it.
 *
 * @param total     tasks in the group
 * @param succeeded tasks ended {@code success}
 * @param failed    tasks ended {@code failed} or {@code cancelled}
 * @param rate      tasks per second that ended since the watch began
 * @param elapsed   since the watch began
 */
record Progress(int total, int succeeded, int failed, double rate, Duration elapsed) {
    private static final int BAR_WIDTH = 30;

    int done() {
        return succeeded + failed;
    }

    int pending() {
        return Math.max(0, total - done());
    }

    boolean finished() {
        return done() >= total;
    }

    /** Time left at the current rate; null while nothing has ended since the watch began. */
    Duration eta() {
        return rate > 0 ? Duration.ofSeconds((long) Math.ceil(pending() / rate)) : null;
    }

    /** One line: {@code 812/1000 done (81%): 3 failed, 188 pending; 41.2 tasks/s, ETA 0:05}. */
    String line() {
        Duration eta = eta();
        return String.format(Locale.ROOT, "%d/%d done (%d%%): %d failed, %d pending; %.1f tasks/s, ETA %s",
                done(), total, percent(), failed, pending(), rate, eta == null ? "--" : clock(eta));
    }

    /** The line behind a bar, for a terminal: {@code [#########.....] 812/1000 done …}. */
    String bar() {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) done() * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + line();
    }

    /** The closing line: {@code 1000 tasks: 997 succeeded, 3 failed in 0:24}. */
    String summary() {
        return String.format(Locale.ROOT, "%d tasks: %d succeeded, %d failed%s in %s", total, succeeded, failed,
                finished() ? "" : ", " + pending() + " pending", clock(elapsed));
    }

    private int percent() {
        return total == 0 ? 100 : (int) ((long) done() * 100 / total);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
