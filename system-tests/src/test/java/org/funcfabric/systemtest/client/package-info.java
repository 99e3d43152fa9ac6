/**
 * The Java client, its executor and the {@code funcfabric} command line against the real stack
 * ({@link org.funcfabric.systemtest.support.FabricStack}), never a mock.
 */
package org.funcfabric.systemtest.client;
