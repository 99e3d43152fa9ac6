/**
 * The connector's ear on its endpoint's command address ({@code fabric.commands.<endpoint-id>}): it
 * acts on the service's {@code stop} (the endpoint was locked or deleted) and leaves {@code cancel} to
 * the workers, which hear the same commands. Depends on the protocol records and the Artemis JMS client.
 */
package org.funcfabric.connector.command;
