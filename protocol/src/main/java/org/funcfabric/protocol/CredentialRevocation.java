package org.funcfabric.protocol;

/**
 * The service's order to the broker that an endpoint's broker credentials below a generation are no
 * longer valid (the endpoint was locked or deleted), sent to {@link Destinations#CREDENTIALS}, where
 * only the service may send. The broker keeps the highest generation it was told of per endpoint,
 * refuses older credentials from then on, and closes the connections that use them.
 *
 * @param v          schema version, {@link #VERSION}
 * @param endpointId the endpoint whose credentials are revoked
 * @param validFrom  the oldest generation still valid; {@link #NEVER} when none ever will be again
 * @param sentAt     epoch ms when the service sent it
 */
public record CredentialRevocation(int v, String endpointId, int validFrom, long sentAt) {
    public static final int VERSION = 1;
    /** The generation that no credential reaches: a deleted endpoint's. */
    public static final int NEVER = Integer.MAX_VALUE;
}
