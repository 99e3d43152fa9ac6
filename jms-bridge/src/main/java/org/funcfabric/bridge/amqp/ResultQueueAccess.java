package org.funcfabric.bridge.amqp;

/**
 * What {@code GET /v2/get_amqp_result_connection_url} answers: the caller's queue prefix and a URL
 * with the caller's own broker credential, {@code amqp://user:password@host:port/vhost}.
 */
public record ResultQueueAccess(String queuePrefix, String connectionUrl) {
    @Override
    public String toString() {
        return "ResultQueueAccess[queuePrefix=" + queuePrefix + "]";
    }
}
