/**
 * What the container tests use inside Payara Micro: test data, polling with a deadline, a plain JMS
 * client of the broker, and the {@link org.funcfabric.it.support.FabricContainerTest} annotation whose
 * broker extension does its work only outside the container.
 */
package org.funcfabric.it.support;
