/**
 * Turns every failure into the API's error envelope (API.md): the core's coded exceptions, JAX-RS and
 * JSON errors, and errors the container raises before JAX-RS runs. Never a stack trace in a body.
 */
package org.funcfabric.api.error;
