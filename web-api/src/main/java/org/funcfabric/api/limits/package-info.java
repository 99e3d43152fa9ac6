/**
 * Request-rate limits of the API (API.md "Limits"): which routes count as submissions, and how many of
 * them a user may make per time window. Depends on the caller's verified token and the error envelope.
 */
package org.funcfabric.api.limits;
