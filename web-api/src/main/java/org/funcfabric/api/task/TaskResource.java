package org.funcfabric.api.task;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.funcfabric.api.RequestBodies;
import org.funcfabric.api.Roles;
import org.funcfabric.api.limits.SubmitRateLimited;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.bridge.amqp.AmqpResultQueues;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.Uuids;
import org.funcfabric.core.task.RetryPolicy;
import org.funcfabric.core.task.SubmittedBatch;
import org.funcfabric.core.task.Task;
import org.funcfabric.core.task.TaskService;

/** Submission ({@code /v3/endpoints/{id}/submit}), task state, cancellation and batch status. */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {
    @Inject
    private TaskService tasks;

    @Inject
    private CurrentCaller caller;

    @Inject
    private AmqpResultQueues resultQueues;

    @Inject
    private TaskWaits waits;

    /**
     * A submission as the Globus Compute SDK sends it, plus FuncFabric's retry and timeout fields; fields
     * FuncFabric does not use yet are accepted.
     */
    public record Submission(Map<String, List<String>> tasks, String taskGroupId, Boolean createQueue,
                             JsonObject resourceSpecification, JsonObject userEndpointConfig,
                             List<String> resultSerializers, JsonObject userRuntime, Integer maxRetries,
                             Double retryBackoffS, List<String> retryOn, Integer timeoutS) {
        RetryPolicy retryPolicy() {
            return RetryPolicy.of(maxRetries, retryBackoffS, retryOn, timeoutS);
        }
    }

    public record BatchStatusRequest(List<String> taskIds) {
    }

    public record BatchStatus(String response, Map<String, Object> results) {
    }

    /** What {@code batch_status} shows for an id that is unknown or not the caller's. */
    public record UnknownTask(String status, String reason) {
    }

    @SubmitRateLimited
    @POST
    @Path("v3/endpoints/{endpoint}/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    public SubmittedBatch submit(@PathParam("endpoint") String endpoint, Submission body) {
        Submission s = RequestBodies.required(body);
        RetryPolicy policy = s.retryPolicy();
        String group = s.taskGroupId();
        boolean resultQueue = Boolean.TRUE.equals(s.createQueue());
        if (resultQueue) {
            // The queue exists before the tasks do, so no result can be published before it is there;
            // a new group gets its id here for that reason.
            group = group == null ? Uuids.timeOrdered() : Uuids.canonical(group, "task group");
            resultQueues.createQueue(caller.get().subject(), group);
        }
        return tasks.submit(caller.get(), endpoint, s.tasks(), group, resultQueue, s.resultSerializers(), policy);
    }

    /**
     * The task's document; with {@code wait} (seconds, up to {@code fabric.tasks.max-wait-s}) a task that
     * has not ended is answered the moment it ends, or after that long as it then is (a long poll).
     */
    @GET
    @Path("v2/tasks/{id}")
    public void get(@PathParam("id") String id, @QueryParam("wait") String wait, @Suspended AsyncResponse response) {
        Duration longest = wait == null ? Duration.ZERO : waits.parse(wait);
        Caller c = caller.get();
        Task task = tasks.get(c, id);
        if (task.status().isTerminal() || longest.isZero()) {
            response.resume(TaskDocument.from(task));
        } else {
            waits.await(c, task, longest, response);
        }
    }

    /** Cancels the task; one that already ended is answered with its terminal document, unchanged. */
    @POST
    @Path("v2/tasks/{id}/cancel")
    public TaskDocument cancel(@PathParam("id") String id) {
        return TaskDocument.from(tasks.cancel(caller.get(), id));
    }

    @POST
    @Path("v2/batch_status")
    @Consumes(MediaType.APPLICATION_JSON)
    public BatchStatus batchStatus(BatchStatusRequest body) {
        List<String> ids = RequestBodies.required(body).taskIds();
        if (ids == null) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "task_ids is required");
        }
        Map<String, Task> found = tasks.find(caller.get(), ids);
        Map<String, Object> results = new LinkedHashMap<>();
        for (String id : ids) {
            Task t = found.get(id);
            results.put(id, t == null ? new UnknownTask("Failed", "unknown task id") : TaskDocument.from(t));
        }
        return new BatchStatus("batch", results);
    }
}
