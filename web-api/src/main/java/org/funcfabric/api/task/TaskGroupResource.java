package org.funcfabric.api.task;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.funcfabric.api.Roles;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.core.task.GroupCancellation;
import org.funcfabric.core.task.TaskGroupListing;
import org.funcfabric.core.task.TaskService;

/**
 * {@code GET /v2/taskgroup/{id}}: the tasks of a group, which the SDK's Executor reattaches to; and
 * {@code POST /v2/taskgroup/{id}/cancel}, which cancels those that have not ended.
 */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class TaskGroupResource {
    @Inject
    private TaskService tasks;

    @Inject
    private CurrentCaller caller;

    /** One task of the group; {@code created_at} is ISO-8601 (UTC), as Globus Compute shows it. */
    public record Member(String id, String createdAt) {
        static Member from(TaskGroupListing.Member m) {
            return new Member(m.id(), Instant.ofEpochMilli(m.createdAt()).toString());
        }
    }

    public record TaskGroupDocument(String taskgroupId, List<Member> tasks) {
        static TaskGroupDocument from(TaskGroupListing group) {
            return new TaskGroupDocument(group.taskGroupId(), group.tasks().stream().map(Member::from).toList());
        }
    }

    /** What a group cancellation did: tasks cancelled now, and tasks that had already ended. */
    public record Cancelled(String taskGroupId, int cancelled, long alreadyDone) {
        static Cancelled from(GroupCancellation c) {
            return new Cancelled(c.taskGroupId(), c.cancelled(), c.alreadyDone());
        }
    }

    @POST
    @Path("v2/taskgroup/{id}/cancel")
    public Cancelled cancel(@PathParam("id") String id) {
        return Cancelled.from(tasks.cancelGroup(caller.get(), id));
    }

    @GET
    @Path("v2/taskgroup/{id}")
    public TaskGroupDocument get(@PathParam("id") String id) {
        return TaskGroupDocument.from(tasks.taskGroup(caller.get(), id));
    }
}
