package org.funcfabric.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.funcfabric.client.FuncFabricException;
import org.funcfabric.client.model.Submission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funcfabric submit}: a task per line of a JSONL file, in one task group; does not wait. */
@Command(name = "submit", description = {
    "Submit a task per line of a JSON Lines file and print the task group's id; follow it with watch.",
    "Java functions take each line as their input; for other functions an object line is the keyword",
    "arguments, an array line the positional ones, and any other value the single positional argument."})
final class SubmitCommand extends FabricCommand {
    @Parameters(paramLabel = "FUNCTION", description = "id or name")
    String function;

    @Option(names = {"-e", "--endpoint"}, required = true, paramLabel = "ENDPOINT", description = "id or name")
    String endpoint;

    @Option(names = "--inputs", required = true, paramLabel = "FILE.jsonl", description = "one JSON value per line; - for standard input")
    String inputs;

    @Option(names = "--group", paramLabel = "TASK_GROUP", description = "join this task group (default: a new one)")
    String group;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000", description = "tasks per request (default: ${DEFAULT-VALUE})")
    int batchSize;

    /** What {@code submit --json} prints. */
    public record Submitted(String taskGroupId, String endpointId, String functionUuid, List<String> taskIds) {
    }

    @Override
    public Integer call() {
        String functionId = Lookup.functionId(client(), function);
        String endpointId = Lookup.endpointId(client(), endpoint);
        String header = client().getFunction(functionId).header();
        List<String> payloads = payloads(header);
        String taskGroupId = group != null ? group : UUID.randomUUID().toString();
        List<String> taskIds = new ArrayList<>();
        try {
            for (int i = 0; i < payloads.size(); i += batchSize) {
                List<String> batch = payloads.subList(i, Math.min(payloads.size(), i + batchSize));
                taskIds.addAll(client().submit(endpointId, Submission.of(Map.of(functionId, batch), taskGroupId))
                        .tasks().get(functionId));
            }
        } catch (FuncFabricException e) {
            if (!taskIds.isEmpty()) {
                err().println(taskIds.size() + " of " + payloads.size() + " tasks were submitted to task group "
                        + taskGroupId + " before the service refused the rest:");
            }
            throw e;
        }
        if (json()) {
            printJson(new Submitted(taskGroupId, endpointId, functionId, taskIds));
        } else {
            out().println(taskGroupId);
            err().println(taskIds.size() + " tasks submitted to endpoint " + endpointId + "; follow them with: funcfabric watch "
                    + taskGroupId);
        }
        return ExitCodes.OK;
    }

    private List<String> payloads(String header) {
        List<String> payloads = new ArrayList<>();
        try (BufferedReader reader = "-".equals(inputs)
                ? new BufferedReader(new InputStreamReader(cli().in(), StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(inputs))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    payloads.add(TaskInputs.line(header, line, number));
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + inputs + ": " + e.getMessage(), e);
        }
        if (payloads.isEmpty()) {
            throw new CliException(inputs + " holds no inputs");
        }
        return payloads;
    }
}
