/**
 * Registration of the endpoint with the FuncFabric service over HTTP: the request and response
 * records of {@code POST /v3/endpoints} and {@code PUT /v3/endpoints/{id}} (JSON-B, snake_case as in
 * API.md), the service's error envelope, and the state file that keeps the endpoint id across
 * restarts. Depends on {@code java.net.http}, JSON-B through {@code org.funcfabric.protocol} and
 * Failsafe for the back-off while the service is unreachable; knows nothing of workers or the broker.
 */
package org.funcfabric.connector.registration;
