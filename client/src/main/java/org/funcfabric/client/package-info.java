/**
 * The Java client of the FuncFabric REST API: {@link org.funcfabric.client.FuncFabricClient} with a
 * typed method per route, the exceptions that carry the service's error codes, and the wire format of
 * task arguments and results. Written against the Jakarta REST client and JSON-B APIs only (Jersey and
 * Yasson are the runtime defaults) and the protocol module's buffer packing; knows nothing of
 * executors or the command line.
 */
package org.funcfabric.client;
