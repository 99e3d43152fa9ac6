package org.funcfabric.it.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.funcfabric.it.client.RunningBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;

/**
 * Starts the FuncFabric broker once for all container test classes of the test JVM and stops it when
 * they are done (JUnit closes the root store's resources at the end of the run, and a killed JVM takes
 * the in-process broker with it). After each class it waits until the Payara Micro process Arquillian
 * stopped has exited, so that the next class's Micro does not meet the H2 database still locked.
 *
 * <p>Arquillian runs the test methods inside the container through JUnit again, extensions included;
 * there this extension does nothing, and never loads the broker classes, which are not deployed.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {
    /** Set by failsafe for the test JVM only (web-api pom.xml); Micro never has it. */
    static final String CLIENT_MARKER = "fabric.it.broker.data-dir";
    private static final Duration MICRO_EXIT_DEADLINE = Duration.ofSeconds(60);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isClientSide()) {
            context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent("broker", key -> RunningBroker.start(), CloseableResource.class);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException, ExecutionException {
        if (!isClientSide()) {
            return;
        }
        // The adapter only signals Micro to stop; its children are the Micro processes of this JVM.
        List<CompletableFuture<ProcessHandle>> exits = ProcessHandle.current().children()
                .map(ProcessHandle::onExit).toList();
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(MICRO_EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
            throw new IllegalStateException("Payara Micro did not exit within " + MICRO_EXIT_DEADLINE.toSeconds()
                    + " s of the end of " + context.getDisplayName() + "; killed it");
        }
    }

    private static boolean isClientSide() {
        return System.getProperty(CLIENT_MARKER) != null;
    }
}
