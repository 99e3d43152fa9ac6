package org.funcfabric.core.task;

/**
 * An attempt of a task that failed and was retried by its worker, as the task document lists it.
 *
 * @param attempt   which attempt it was, 1 for the first
 * @param exception the error text the worker reported
 * @param at        epoch ms when the service heard of it
 */
public record FailedAttempt(int attempt, String exception, long at) {
}
