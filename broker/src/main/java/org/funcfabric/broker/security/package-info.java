/**
 * Who may do what on the broker: the credentials (users and their roles, held in memory by a JAAS
 * in-VM login module) and the permissions of each role per address match. The service role may do
 * everything; the endpoint role may only consume its task and command queues and send results and
 * heartbeats. Depends only on the Artemis server library and the destination names of the protocol.
 */
package org.funcfabric.broker.security;
