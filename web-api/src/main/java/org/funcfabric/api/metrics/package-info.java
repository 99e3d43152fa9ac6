/** Access to the MicroProfile Metrics endpoint: admin tokens and the configured scrape token only. */
package org.funcfabric.api.metrics;
