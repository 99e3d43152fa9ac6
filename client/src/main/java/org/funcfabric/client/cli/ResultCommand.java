package org.funcfabric.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.funcfabric.client.Json;
import org.funcfabric.client.executor.TaskGroupMonitor;
import org.funcfabric.client.model.TaskDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code funcfabric result}: the state and result of tasks, now; does not wait. */
@Command(name = "result", description = {
    "Print the status and result of tasks: one line each (id, status, result or the exception's last line).",
    "Exits 3 when an id is unknown, else 1 when a task failed or was cancelled, else 5 when one is pending."})
final class ResultCommand extends FabricCommand {
    @Parameters(arity = "1..*", paramLabel = "TASK", description = "task ids")
    List<String> taskIds;

    @Override
    public Integer call() {
        List<TaskView> views = new ArrayList<>();
        for (int i = 0; i < taskIds.size(); i += TaskGroupMonitor.STATUS_CHUNK) {
            List<String> chunk = taskIds.subList(i, Math.min(taskIds.size(), i + TaskGroupMonitor.STATUS_CHUNK));
            Map<String, TaskDocument> results = client().batchStatus(chunk).results();
            chunk.forEach(id -> views.add(TaskView.of(id, results.get(id))));
        }
        if (json()) {
            printJson(views);
        } else {
            views.forEach(v -> out().println(v.taskId() + "  " + v.status() + "  " + summary(v)));
        }
        return exitCode(views);
    }

    private static String summary(TaskView v) {
        if (v.result() != null) {
            return v.result() instanceof String s ? s : Json.DATA.toJson(v.result());
        }
        if (v.exception() == null) {
            return "";
        }
        List<String> lines = v.exception().strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static int exitCode(List<TaskView> views) {
        if (views.stream().anyMatch(v -> "unknown".equals(v.status()))) {
            return ExitCodes.REFUSED;
        }
        if (views.stream().anyMatch(v -> "failed".equals(v.status()) || "cancelled".equals(v.status()))) {
            return ExitCodes.TASK_FAILED;
        }
        if (views.stream().anyMatch(v -> !"success".equals(v.status()))) {
            return ExitCodes.NOT_FINISHED;
        }
        return ExitCodes.OK;
    }
}
