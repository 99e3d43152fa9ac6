package org.funcfabric.bench.measure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.model.Submission;
import org.funcfabric.client.model.TaskDocument;

/** Submits tasks of one function into one task group of one endpoint. */
public final class Tasks {
    /** How long one round trip may take before the benchmark gives up on it. */
    static final Duration ROUND_TRIP_DEADLINE = Duration.ofSeconds(60);

    private final FuncFabricClient client;
    private final String endpointId;
    private final String taskGroupId;

    /** @param taskGroupId the group every task joins; a new random id creates it with the first submit */
    public Tasks(FuncFabricClient client, String endpointId, String taskGroupId) {
        this.client = client;
        this.endpointId = endpointId;
        this.taskGroupId = taskGroupId;
    }

    public FuncFabricClient client() {
        return client;
    }

    public String taskGroupId() {
        return taskGroupId;
    }

    /** One request with every payload; the task ids in payload order. */
    public List<String> submit(String functionId, List<String> payloads) {
        return client.submit(endpointId, Submission.of(Map.of(functionId, payloads), taskGroupId)).tasks().get(functionId);
    }

    /** A task that did not succeed ends the measurement: its figures would be meaningless. */
    static TaskDocument requireSuccess(TaskDocument task) {
        if (!task.isSuccess()) {
            throw new IllegalStateException("task " + task.taskId() + " ended " + task.status() + ": "
                    + (task.exception() == null ? "" : task.exception().strip().lines().reduce((a, b) -> b).orElse("")));
        }
        return task;
    }
}
