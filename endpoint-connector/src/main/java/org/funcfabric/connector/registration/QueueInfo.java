package org.funcfabric.connector.registration;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * How to reach one broker queue, as the service hands it out at registration.
 *
 * @param connectionUrl the broker URL, e.g. {@code tcp://127.0.0.1:61616}
 * @param queue         the queue name
 * @param username      the endpoint's broker user
 * @param password      its password; never printed by {@link #toString()}
 */
public record QueueInfo(@JsonbProperty("connection_url") String connectionUrl,
                        @JsonbProperty("queue") String queue,
                        @JsonbProperty("username") String username,
                        @JsonbProperty("password") String password) {

    /** The same queue reached through another broker URL (the connector's {@code --broker-url}). */
    public QueueInfo withConnectionUrl(String url) {
        return new QueueInfo(url, queue, username, password);
    }

    @Override
    public String toString() {
        return "QueueInfo[connectionUrl=" + connectionUrl + ", queue=" + queue + ", username=" + username + "]";
    }
}
