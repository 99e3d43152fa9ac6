/**
 * Test builders and fixtures shared by the worker's tests: Globus Compute buffers, jars of Java
 * functions (the examples module's, or compiled from source during the test), a real embedded Artemis
 * broker on a free loopback port, and polling with deadlines.
 */
package org.funcfabric.worker.testsupport;
