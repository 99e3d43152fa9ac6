package org.funcfabric.api.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.funcfabric.api.Roles;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.Excerpt;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.task.TaskService;

/**
 * {@code GET /v2/taskgroup/{id}/events}: a Server-Sent Events stream of the group's task documents, one
 * event {@code task} per task that reaches a terminal state, its {@code id} the task's event number.
 * Everything that can refuse the request (token, id, ownership, {@code Last-Event-ID}, the per-user
 * limit) is checked before the stream starts, so a refusal is an ordinary error envelope.
 */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.USER)
public class TaskEventsResource {
    /** For clients that cannot set headers, such as a browser's first {@code EventSource} request. */
    static final String LAST_EVENT_ID_QUERY = "last_event_id";

    @Inject
    private TaskService tasks;

    @Inject
    private TaskEventStreams streams;

    @Inject
    private CurrentCaller caller;

    /**
     * @param header {@code Last-Event-ID}, sent by SSE clients when they reconnect; it wins over the
     *               query parameter, which a reconnecting {@code EventSource} repeats unchanged
     */
    @GET
    @Path("v2/taskgroup/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") String id, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String header,
                       @QueryParam(LAST_EVENT_ID_QUERY) String query, @Context SseEventSink sink, @Context Sse sse) {
        long lastEventId = lastEventId(header != null ? header : query);
        Caller c = caller.get();
        String taskGroupId = tasks.eventStreamOf(c, id);
        streams.open(c.subject(), taskGroupId, lastEventId, sink, sse);
    }

    /** The event number the client has seen up to; 0 (replay from the start) when none or empty is given. */
    static long lastEventId(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, as for a negative number
        }
        throw new FabricException(ErrorCode.REQUEST_MALFORMED,
                "Last-Event-ID must be the id of an event of this stream (a whole number from 0), not '" + Excerpt.of(value, 32) + "'");
    }
}
