/**
 * Container tests of the service's container-bound logic: the EJB services with JPA on a real data
 * source, task dispatch through the Artemis resource adapter inside the submitting JTA transaction,
 * and the MDBs that take in results and heartbeats. They run inside Payara Micro (Arquillian) against
 * a real FuncFabric broker; see src/test/README.md. May depend on ejb-core, jms-bridge, protocol and
 * {@code support}; never on {@code client}, which exists only outside the container.
 */
package org.funcfabric.it;
