package org.funcfabric.core.task;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.Limits;
import org.funcfabric.core.common.Uuids;
import org.funcfabric.core.endpoint.Endpoint;
import org.funcfabric.core.endpoint.EndpointCommands;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.core.function.FunctionService;
import org.funcfabric.core.function.RegisteredFunction;
import org.funcfabric.protocol.TaskMessage;

/**
 * Accepts task submissions and cancellations and answers task queries. A submission stores its tasks
 * with a {@link PendingDispatch} in one transaction, and the {@link TaskOutbox} sends their messages
 * once it commits: when the client hears 200, the tasks are in the database and, unless the broker is
 * away, their messages on the endpoint's queue; either way they reach it ("Accepted means durable").
 * A cancellation ends the tasks and orders their endpoints to drop them in one (XA) transaction.
 */
@Stateless
public class TaskService {
    private static final Jsonb JSONB = JsonbBuilder.create();

    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    private FunctionService functions;

    @Inject
    private EndpointRegistry endpoints;

    @Inject
    private Event<TasksStored> stored;

    @Inject
    private EndpointCommands commands;

    @Inject
    private Event<TasksCompleted> completed;

    @Inject
    private Limits limits;

    /**
     * Stores one task per payload and dispatches them all.
     *
     * @param tasks       function id → payloads (packed args and kwargs buffers)
     * @param resultQueue the group's results are to be pushed to its AMQP result queue, which the caller
     *                    has declared (from then on, for every later task of the group too)
     * @param policy      retries and timeout of every task of the batch
     */
    public SubmittedBatch submit(Caller caller, String endpointId, Map<String, List<String>> tasks,
                                 String taskGroupId, boolean resultQueue, List<String> resultSerializers,
                                 RetryPolicy policy) {
        if (tasks == null || tasks.isEmpty()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "tasks must map at least one function id to payloads");
        }
        if (resultSerializers != null && resultSerializers.contains(null)) {
            // stored as JSON and read back with List.of, which refuses null: a 400 now, not a 500 later
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "result_serializers must list serializer names, not null");
        }
        Endpoint endpoint = endpoints.acceptingTasks(caller, endpointId);
        checkSizes(tasks);
        Map<String, RegisteredFunction> fns = functions.usable(caller, tasks.keySet());
        for (RegisteredFunction fn : fns.values()) {
            if (!endpoint.permits(fn.id())) {
                throw new FabricException(ErrorCode.FUNCTION_NOT_PERMITTED,
                        "Function " + fn.id() + " is not in the allowed_functions of endpoint " + endpoint.id());
            }
        }
        TaskGroup group = group(caller, taskGroupId);
        if (resultQueue) {
            group.publishToResultQueue();
        }
        // Tasks reference their group by a plain id column, so EclipseLink cannot order the inserts.
        em.flush();
        String requestId = Uuids.timeOrdered();
        String serializers = resultSerializers == null || resultSerializers.isEmpty() ? null : JSONB.toJson(resultSerializers);
        long now = System.currentTimeMillis();

        Map<String, List<String>> ids = new LinkedHashMap<>();
        List<Task> created = new ArrayList<>();
        List<TaskMessage> messages = new ArrayList<>();
        tasks.forEach((requestedFunctionId, payloads) -> {
            RegisteredFunction fn = fns.get(requestedFunctionId);
            List<String> taskIds = new ArrayList<>(payloads.size());
            for (String payload : payloads) {
                Task task = new Task(Uuids.timeOrdered(), group.id(), caller.subject(), fn.id(), endpoint.id(),
                        requestId, payload, serializers, policy, now);
                em.persist(task);
                created.add(task);
                taskIds.add(task.id());
                messages.add(task.message(fn.code(), limits.maxResultBytes(), now));
            }
            ids.put(requestedFunctionId, taskIds);
        });
        em.persist(new PendingDispatch(requestId, now));
        stored.fire(new TasksStored(requestId, messages));
        long dispatchedAt = System.currentTimeMillis();
        created.forEach(t -> t.dispatched(dispatchedAt));
        return new SubmittedBatch(requestId, group.id(), endpoint.id(), ids);
    }

    /**
     * A funcX 1.x submission ({@code POST /v2/submit}): tasks of any functions for any endpoints, in
     * one transaction and one task group, stored and dispatched per endpoint as {@link #submit} does.
     * A task naming a function or endpoint the caller cannot use, a locked endpoint, or a payload over
     * the limit is refused on its own while the others go ahead, as funcX did; only what concerns the
     * whole request (its total size, its task group) refuses all of it.
     */
    public SubmittedTasks submitEach(Caller caller, List<TaskRequest> requests, String taskGroupId,
                                     RetryPolicy policy) {
        if (requests == null || requests.isEmpty()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR,
                    "tasks must hold at least one [function_id, endpoint_id, payload] entry");
        }
        checkBatchSize(requests.size(), requests.stream()
                .mapToLong(r -> r.payload() == null ? 0 : r.payload().getBytes(StandardCharsets.UTF_8).length).sum());
        TaskGroup group = group(caller, taskGroupId);
        long now = System.currentTimeMillis();

        TaskOutcome[] outcomes = new TaskOutcome[requests.size()];
        // endpoint id -> function id -> positions in the request, so each endpoint gets one dispatch
        Map<String, Map<String, List<Integer>>> accepted = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            TaskRequest r = requests.get(i);
            TaskOutcome refused = refusal(caller, r, now);
            if (refused != null) {
                outcomes[i] = refused;
                continue;
            }
            accepted.computeIfAbsent(Uuids.canonical(r.endpointId(), "endpoint"), e -> new LinkedHashMap<>())
                    .computeIfAbsent(Uuids.canonical(r.functionId(), "function"), f -> new ArrayList<>())
                    .add(i);
        }
        accepted.forEach((endpointId, positionsByFunction) -> {
            Map<String, List<String>> payloads = new LinkedHashMap<>();
            positionsByFunction.forEach((functionId, positions) ->
                    payloads.put(functionId, positions.stream().map(i -> requests.get(i).payload()).toList()));
            SubmittedBatch batch = submit(caller, endpointId, payloads, group.id(), false, null, policy);
            positionsByFunction.forEach((functionId, positions) -> {
                List<String> taskIds = batch.tasks().get(functionId);
                for (int k = 0; k < positions.size(); k++) {
                    outcomes[positions.get(k)] = TaskOutcome.accepted(taskIds.get(k));
                }
            });
        });
        return new SubmittedTasks(group.id(), List.of(outcomes));
    }

    /**
     * The tasks of a group the caller owns, oldest submission first; 404 for unknown ids and for other
     * users' groups alike.
     */
    public TaskGroupListing taskGroup(Caller caller, String taskGroupId) {
        String id = visibleGroup(caller, taskGroupId).id();
        List<TaskGroupListing.Member> members = em.createNamedQuery("Task.membersOfGroup", Object[].class)
                .setParameter("group", id)
                .getResultStream()
                .map(row -> new TaskGroupListing.Member((String) row[0], ((Number) row[1]).longValue()))
                .toList();
        return new TaskGroupListing(id, members);
    }

    /**
     * The canonical id of a group the caller owns, checked before its event stream opens; 404 for
     * unknown ids and for other users' groups alike.
     */
    public String eventStreamOf(Caller caller, String taskGroupId) {
        return visibleGroup(caller, taskGroupId).id();
    }

    /**
     * The group's terminal tasks numbered after {@code afterEventNumber}, in event number order, at most
     * {@code max} of them. No ownership check: it serves streams that were checked when they opened
     * ({@link #eventStreamOf}). Numbers become visible in commit order, so what it returns has no gap.
     */
    public List<Task> eventsAfter(String taskGroupId, long afterEventNumber, int max) {
        return em.createNamedQuery("Task.eventsOfGroup", Task.class)
                .setParameter("group", taskGroupId)
                .setParameter("after", afterEventNumber)
                .setMaxResults(max)
                .getResultList();
    }

    /** A task the caller submitted; 404 for unknown ids and for other users' tasks alike. */
    public Task get(Caller caller, String taskId) {
        return visibleTask(caller, taskId, LockModeType.NONE);
    }

    /**
     * Cancels a task the caller submitted: it ends {@code cancelled} now, and its endpoint is told to
     * drop it, in this transaction. A task that already ended is left as it is (no-op).
     *
     * @return the task, cancelled or in the terminal state it had reached
     */
    public Task cancel(Caller caller, String taskId) {
        Task task = visibleTask(caller, taskId, LockModeType.PESSIMISTIC_WRITE);
        TaskGroup group = lockedGroup(task.taskGroupId());
        if (task.cancel(System.currentTimeMillis(), group)) {
            completed.fire(new TasksCompleted(List.of(TaskCompleted.of(task, group))));
            commands.cancel(task.endpointId(), List.of(task.id()));
        }
        return task;
    }

    /**
     * Cancels every task of a group the caller owns that has not ended yet, with one command per
     * endpoint; 404 for unknown ids and for other users' groups alike.
     */
    public GroupCancellation cancelGroup(Caller caller, String taskGroupId) {
        String id = visibleGroup(caller, taskGroupId).id();
        // Task rows before the group's row, the order of every transaction that ends tasks.
        List<Task> open = em.createNamedQuery("Task.openInGroup", Task.class)
                .setParameter("group", id)
                .setParameter("open", TaskStatus.open())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        TaskGroup group = lockedGroup(id);
        Map<String, List<String>> cancelledByEndpoint = new LinkedHashMap<>();
        List<TaskCompleted> ended = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Task task : open) {
            if (task.cancel(now, group)) {
                cancelledByEndpoint.computeIfAbsent(task.endpointId(), e -> new ArrayList<>()).add(task.id());
                ended.add(TaskCompleted.of(task, group));
            }
        }
        if (!ended.isEmpty()) {
            completed.fire(new TasksCompleted(ended));
        }
        cancelledByEndpoint.forEach(commands::cancel);
        int cancelled = ended.size();
        long all = em.createNamedQuery("Task.countInGroup", Long.class).setParameter("group", id).getSingleResult();
        return new GroupCancellation(id, cancelled, all - cancelled);
    }

    private TaskGroup lockedGroup(String taskGroupId) {
        return em.find(TaskGroup.class, taskGroupId, LockModeType.PESSIMISTIC_WRITE);
    }

    private Task visibleTask(Caller caller, String taskId, LockModeType lock) {
        String id = Uuids.canonical(taskId, "task");
        Task task = em.find(Task.class, id, lock);
        if (task == null || !task.isVisibleTo(caller)) {
            throw FabricException.notFound(ErrorCode.TASK_NOT_FOUND, "Task", id);
        }
        return task;
    }

    /**
     * The caller's tasks among {@code taskIds}, keyed by the id as given; ids that are malformed,
     * unknown or someone else's are simply absent.
     */
    public Map<String, Task> find(Caller caller, List<String> taskIds) {
        Map<String, String> requestedByCanonical = new HashMap<>();
        for (String given : taskIds) {
            try {
                requestedByCanonical.put(Uuids.canonical(given, "task"), given);
            } catch (FabricException malformed) {
                // reported as unknown by the caller, like any other id we cannot show
            }
        }
        Map<String, Task> found = new HashMap<>();
        if (requestedByCanonical.isEmpty()) {
            return found;
        }
        em.createNamedQuery("Task.byIds", Task.class)
                .setParameter("ids", requestedByCanonical.keySet())
                .getResultStream()
                .filter(t -> t.isVisibleTo(caller))
                .forEach(t -> found.put(requestedByCanonical.get(t.id()), t));
        return found;
    }

    /** Tasks sent to the endpoint that have not ended yet. */
    public long countOpen(String endpointId) {
        return em.createNamedQuery("Task.countOpenOnEndpoint", Long.class)
                .setParameter("endpoint", endpointId)
                .setParameter("open", TaskStatus.open())
                .getSingleResult();
    }

    /**
     * Why one task of a {@link #submitEach} cannot be accepted, or null when it can. Looks entities up
     * directly rather than through the other services, whose refusals would roll the whole request back.
     */
    private TaskOutcome refusal(Caller caller, TaskRequest r, long now) {
        String functionId;
        String endpointId;
        try {
            functionId = Uuids.canonical(r.functionId(), "function");
            endpointId = Uuids.canonical(r.endpointId(), "endpoint");
        } catch (FabricException invalid) {
            return TaskOutcome.refused(invalid.code(), invalid.getMessage());
        }
        RegisteredFunction fn = em.find(RegisteredFunction.class, functionId);
        if (fn == null || !fn.isUsableBy(caller)) {
            return TaskOutcome.refused(ErrorCode.FUNCTION_NOT_FOUND, "Function " + functionId + " not found");
        }
        Endpoint endpoint = em.find(Endpoint.class, endpointId);
        if (endpoint == null || !endpoint.isUsableBy(caller)) {
            return TaskOutcome.refused(ErrorCode.ENDPOINT_NOT_FOUND, "Endpoint " + endpointId + " not found");
        }
        if (endpoint.isLocked(now)) {
            return TaskOutcome.refused(ErrorCode.RESOURCE_LOCKED, "Endpoint " + endpointId + " is locked");
        }
        if (!endpoint.permits(functionId)) {
            return TaskOutcome.refused(ErrorCode.FUNCTION_NOT_PERMITTED,
                    "Function " + functionId + " is not in the allowed_functions of endpoint " + endpointId);
        }
        if (r.payload() == null) {
            return TaskOutcome.refused(ErrorCode.REQUEST_KEY_ERROR, "the payload is null");
        }
        long size = r.payload().getBytes(StandardCharsets.UTF_8).length;
        if (size > limits.maxPayloadBytes()) {
            return TaskOutcome.refused(ErrorCode.TASK_PAYLOAD_TOO_LARGE, "Task payload of " + size
                    + " bytes exceeds the limit of " + limits.maxPayloadBytes() + " bytes");
        }
        return null;
    }

    private TaskGroup visibleGroup(Caller caller, String taskGroupId) {
        String id = Uuids.canonical(taskGroupId, "task group");
        TaskGroup group = em.find(TaskGroup.class, id);
        if (group == null || !group.isVisibleTo(caller)) {
            throw FabricException.notFound(ErrorCode.TASK_GROUP_NOT_FOUND, "Task group", id);
        }
        return group;
    }

    private TaskGroup group(Caller caller, String taskGroupId) {
        if (taskGroupId == null) {
            TaskGroup group = new TaskGroup(Uuids.timeOrdered(), caller.subject(), System.currentTimeMillis());
            em.persist(group);
            return group;
        }
        String id = Uuids.canonical(taskGroupId, "task group");
        TaskGroup group = em.find(TaskGroup.class, id);
        if (group == null) {
            // A client may pick its own group id (the SDK's Executor does); it becomes the caller's.
            group = new TaskGroup(id, caller.subject(), System.currentTimeMillis());
            em.persist(group);
        } else if (!group.isVisibleTo(caller)) {
            throw FabricException.notFound(ErrorCode.TASK_GROUP_NOT_FOUND, "Task group", id);
        }
        return group;
    }

    private void checkSizes(Map<String, List<String>> tasks) {
        long total = 0;
        int count = 0;
        for (Map.Entry<String, List<String>> e : tasks.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new FabricException(ErrorCode.REQUEST_KEY_ERROR,
                        "tasks[" + e.getKey() + "] must be a non-empty list of payloads");
            }
            for (String payload : e.getValue()) {
                if (payload == null) {
                    throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "a payload of tasks[" + e.getKey() + "] is null");
                }
                long size = payload.getBytes(StandardCharsets.UTF_8).length;
                if (size > limits.maxPayloadBytes()) {
                    throw new FabricException(ErrorCode.TASK_PAYLOAD_TOO_LARGE, "Task payload of " + size
                            + " bytes exceeds the limit of " + limits.maxPayloadBytes() + " bytes");
                }
                total += size;
                count++;
            }
        }
        checkBatchSize(count, total);
    }

    private void checkBatchSize(int count, long total) {
        if (total > limits.maxBatchBytes()) {
            throw new FabricException(ErrorCode.BATCH_RUN_TOO_LARGE, "Payloads of this request total " + total
                    + " bytes, over the limit of " + limits.maxBatchBytes() + " bytes; split the batch");
        }
        if (count > limits.maxTasksPerBatch()) {
            throw new FabricException(ErrorCode.BATCH_RUN_TOO_LARGE, "This request holds " + count
                    + " tasks, over the limit of " + limits.maxTasksPerBatch() + " per request; split the batch");
        }
    }
}
