package org.funcfabric.client.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.funcfabric.client.Json;
import org.funcfabric.client.WireFormat;
import org.funcfabric.client.model.FunctionDocument;
import org.funcfabric.client.model.ShellCode;
import org.funcfabric.client.model.ShellResult;
import org.funcfabric.client.model.Submission;
import org.funcfabric.client.model.TaskDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funcfabric run}: one task, waited for, its result printed. */
@Command(name = "run", description = {
    "Run a function once on an endpoint, wait for it, and print its result.",
    "Values are JSON when they parse as JSON (3, true, [1,2], \"x\"), otherwise plain strings.",
    "A shell function prints its stdout (stderr to stderr) and exits 1 when its command did not exit 0."})
final class RunCommand extends FabricCommand {
    @Parameters(paramLabel = "FUNCTION", description = "id or name")
    String function;

    @Option(names = {"-e", "--endpoint"}, required = true, paramLabel = "ENDPOINT", description = "id or name")
    String endpoint;

    @Option(names = "--arg", paramLabel = "KEY=VALUE", description = "a keyword argument (shell: fills {KEY})")
    List<String> kwargs = new ArrayList<>();

    @Option(names = "--input", paramLabel = "VALUE",
            description = "a positional argument, in order (shell: fills {0}, {1}…); a Java function takes exactly one")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "stop waiting after this long and exit 5, leaving the task to run (default: wait)")
    Long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        String functionId = Lookup.functionId(client(), function);
        String endpointId = Lookup.endpointId(client(), endpoint);
        FunctionDocument fn = client().getFunction(functionId);
        String payload = TaskInputs.call(fn.header(), inputs, kwargs);
        String group = UUID.randomUUID().toString();
        String taskId = client().submit(endpointId, Submission.of(Map.of(functionId, List.of(payload)), group))
                .tasks().get(functionId).get(0);
        TaskDocument task = TaskWaiter.await(client(), group, List.of(taskId),
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds)).get(taskId);
        if (task == null) {
            if (json()) {
                printJson(new TaskView(taskId, "pending", null, null, null));
            }
            err().println("task " + taskId + " has not ended yet; ask later with: funcfabric result " + taskId);
            return ExitCodes.NOT_FINISHED;
        }
        if (json()) {
            printJson(TaskView.of(taskId, task));
            return task.isSuccess() ? shellExit(fn, task) : ExitCodes.TASK_FAILED;
        }
        return printPlain(fn, task);
    }

    private int printPlain(FunctionDocument fn, TaskDocument task) {
        if (task.isFailed()) {
            err().println(task.exception());
            return ExitCodes.TASK_FAILED;
        }
        if (!task.isSuccess()) {
            err().println("task " + task.taskId() + " was " + task.status());
            return ExitCodes.TASK_FAILED;
        }
        if (ShellCode.HEADER.equals(fn.header())) {
            ShellResult shell = WireFormat.decode(task.result(), ShellResult.class);
            out().print(shell.stdout());
            err().print(shell.stderr());
            return shell.returncode() == 0 ? ExitCodes.OK : ExitCodes.TASK_FAILED;
        }
        Object value = WireFormat.decode(task.result(), Object.class);
        out().println(value instanceof String s ? s : Json.DATA.toJson(value));
        return ExitCodes.OK;
    }

    private static int shellExit(FunctionDocument fn, TaskDocument task) {
        return ShellCode.HEADER.equals(fn.header())
                && WireFormat.<ShellResult>decode(task.result(), ShellResult.class).returncode() != 0
                ? ExitCodes.TASK_FAILED : ExitCodes.OK;
    }
}
