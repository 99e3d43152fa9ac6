package org.funcfabric.it.client;

import java.io.File;
import java.util.Arrays;
import org.funcfabric.it.support.Poll;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archive the container tests deploy. */
public final class Deployments {
    private Deployments() {
    }

    /**
     * The service as funcfabric.war holds it, without the REST layer: WEB-INF/lib is the WAR's own
     * (ejb-core and jms-bridge as EJB-in-WAR, protocol, src-db's migrations, Flyway, the JDBC drivers),
     * copied by Maven from the same dependency set the WAR is built from, plus the tests themselves.
     */
    public static WebArchive service() {
        File lib = new File(RunningBroker.required("fabric.it.dir"), "lib");
        File[] jars = lib.listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no libraries in " + lib + ": run the container tests through Maven");
        }
        Arrays.sort(jars);
        return ShrinkWrap.create(WebArchive.class, "funcfabric-it.war")
                .addPackage("org.funcfabric.it")
                .addPackage(Poll.class.getPackage())
                .addAsResource("META-INF/microprofile-config.properties")
                .addAsLibraries(jars);
    }
}
