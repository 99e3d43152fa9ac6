/** MicroProfile Health checks (ready once the schema is migrated and the broker answers) and the endpoint that serves them. */
package org.funcfabric.api.health;
