/**
 * Test builders and fixtures shared by the worker's tests: Globus Compute buffers, a real embedded
 * Artemis broker on a free loopback port, and polling with deadlines.
 */
package org.funcfabric.worker.testsupport;
