package org.funcfabric.api.task;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.funcfabric.api.Roles;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.core.task.TaskGroupListing;
import org.funcfabric.core.task.TaskService;

/** {@code GET /v2/taskgroup/{id}}: the tasks of a group, which the SDK's Executor reattaches to. */
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

    @GET
    @Path("v2/taskgroup/{id}")
    public TaskGroupDocument get(@PathParam("id") String id) {
        return TaskGroupDocument.from(tasks.taskGroup(caller.get(), id));
    }
}
