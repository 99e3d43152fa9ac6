package org.funcfabric.client.model;

/**
 * One event of {@code GET /v2/taskgroup/{id}/events}: a task of the group reached a terminal state.
 *
 * @param id   the event's number in its group: 1, 2, 3… without gaps, in completion order
 * @param task the task document, as {@code GET /v2/tasks/{id}} shows it
 */
public record TaskEvent(long id, TaskDocument task) {
}
