/**
 * The public REST API: JAX-RS resources that parse, call one core service method and shape the
 * response (API.md). No transactions and no business rules live here.
 */
package org.funcfabric.api;
