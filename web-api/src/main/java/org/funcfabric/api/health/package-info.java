/** MicroProfile Health checks: ready once the schema is migrated and the broker answers. */
package org.funcfabric.api.health;
