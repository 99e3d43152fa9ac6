package org.funcfabric.api.task;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.funcfabric.api.RequestBodies;
import org.funcfabric.api.Roles;
import org.funcfabric.api.limits.SubmitRateLimited;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.task.RetryPolicy;
import org.funcfabric.core.task.SubmittedTasks;
import org.funcfabric.core.task.TaskOutcome;
import org.funcfabric.core.task.TaskRequest;
import org.funcfabric.core.task.TaskService;

/**
 * {@code POST /v2/submit}, the funcX 1.x submission that older notebooks still use: every task names
 * its function and endpoint, and each task's refusal is reported in its own result.
 */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class LegacySubmitResource {
    @Inject
    private TaskService tasks;

    @Inject
    private CurrentCaller caller;

    /**
     * {@code tasks} holds {@code [function_id, endpoint_id, payload]} triples; the retry and timeout
     * fields (FuncFabric's) apply to all of them.
     */
    public record Submission(List<List<String>> tasks, String taskGroupId, Integer maxRetries, Double retryBackoffS,
                             List<String> retryOn, Integer timeoutS) {
    }

    /** One task's fate: {@code Success} with its id, or {@code Failed} with the HTTP status and reason. */
    public record Result(String status, String taskUuid, int httpStatusCode, String code, String reason) {
        static Result from(TaskOutcome o) {
            return o.isAccepted()
                    ? new Result("Success", o.taskId(), 200, null, null)
                    : new Result("Failed", null, o.error().httpStatus(), o.error().name(), o.reason());
        }
    }

    public record Submitted(String response, String taskGroupId, List<Result> results) {
    }

    @SubmitRateLimited
    @POST
    @Path("v2/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Submitted submit(Submission body) {
        Submission s = RequestBodies.required(body);
        if (s.tasks() == null) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "tasks is required");
        }
        RetryPolicy policy = RetryPolicy.of(s.maxRetries(), s.retryBackoffS(), s.retryOn(), s.timeoutS());
        List<TaskRequest> requests = new ArrayList<>(s.tasks().size());
        for (List<String> triple : s.tasks()) {
            if (triple == null || triple.size() != 3) {
                throw new FabricException(ErrorCode.REQUEST_KEY_ERROR,
                        "each entry of tasks must be [function_id, endpoint_id, payload]");
            }
            requests.add(new TaskRequest(triple.get(0), triple.get(1), triple.get(2)));
        }
        SubmittedTasks done = tasks.submitEach(caller.get(), requests, s.taskGroupId(), policy);
        return new Submitted("success", done.taskGroupId(), done.outcomes().stream().map(Result::from).toList());
    }
}
