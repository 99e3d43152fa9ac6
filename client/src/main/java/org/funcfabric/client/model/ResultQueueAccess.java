package org.funcfabric.client.model;

/**
 * {@code GET /v2/get_amqp_result_connection_url}: where the caller's AMQP 0-9-1 result queues
 * {@code <queuePrefix><task_group_id>} are read, with a credential in the URL.
 */
public record ResultQueueAccess(String queuePrefix, String connectionUrl) {
}
