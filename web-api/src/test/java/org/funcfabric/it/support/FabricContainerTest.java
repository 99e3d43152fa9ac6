package org.funcfabric.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs inside Payara Micro with the service's modules deployed, against a running
 * FuncFabric broker. The broker extension is registered first, so the broker is up before Arquillian
 * starts Micro for the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrokerExtension.class)
@ExtendWith(ArquillianExtension.class)
public @interface FabricContainerTest {
}
