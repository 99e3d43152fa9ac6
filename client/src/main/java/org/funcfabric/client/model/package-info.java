/**
 * The JSON documents of the REST API (API.md "Routes") as records, named as the routes name them:
 * what {@link org.funcfabric.client.FuncFabricClient} sends and returns. Record components map to the
 * API's snake_case names ({@code functionUuid} is {@code function_uuid}); fields a route leaves out are
 * {@code null}. Depends on the JSON-B annotations and the protocol module's buffer formats only.
 */
package org.funcfabric.client.model;
