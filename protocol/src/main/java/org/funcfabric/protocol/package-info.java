/**
 * The message contract between the FuncFabric service and the Java SE connector and worker: one
 * record per JMS message body (JSON, versioned by {@code v}), the broker destination names, the error
 * types the platform gives failed tasks ({@link org.funcfabric.protocol.FailureType}), and the
 * Globus Compute buffer packing. Depends on nothing but the JSON-B API, so both sides share it
 * without sharing an EE server; never use {@code ObjectMessage} for these.
 */
package org.funcfabric.protocol;
