/** Routes for endpoints: registration by connectors, listing, status (API.md). */
package org.funcfabric.api.endpoint;
