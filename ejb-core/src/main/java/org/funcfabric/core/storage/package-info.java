/**
 * The database behind the persistence unit: its data source definition (from MicroProfile Config,
 * so H2 and PostgreSQL are chosen by configuration) and the schema migration run at start.
 */
package org.funcfabric.core.storage;
