/**
 * Operational routes for the {@code admin} role (API.md "Admin routes"): every user's endpoints and
 * locking any of them. Never a user's tasks or results: those stay visible to their submitter alone.
 * Depends on the endpoint registry of ejb-core.
 */
package org.funcfabric.api.admin;
