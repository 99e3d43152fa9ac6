/**
 * The test JVM's side of the container tests, never deployed: the broker the tests run against and the
 * test archive Arquillian deploys. Depends on the broker module and ShrinkWrap.
 */
package org.funcfabric.it.client;
