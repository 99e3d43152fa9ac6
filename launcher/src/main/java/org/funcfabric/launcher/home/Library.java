package org.funcfabric.launcher.home;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.funcfabric.launcher.config.ConfigException;

/**
 * The directory of the programs the launcher starts, filled by the build
 * ({@code launcher/target/lib}): Payara Micro, the resource adapter, the service WAR, the broker, the
 * connector and the worker under fixed names.
 */
public final class Library {
    public static final String PAYARA_MICRO = "payara-micro.jar";
    public static final String ARTEMIS_RA = "artemis-ra.rar";
    public static final String SERVICE_WAR = "funcfabric.war";
    public static final String BROKER = "funcfabric-broker.jar";
    public static final String CONNECTOR = "funcfabric-connector.jar";
    public static final String WORKER = "funcfabric-worker.jar";
    public static final List<String> ARTIFACTS = List.of(PAYARA_MICRO, ARTEMIS_RA, SERVICE_WAR, BROKER, CONNECTOR, WORKER);

    private final Path dir;

    public Library(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code <directory of the launcher jar>/lib}, the build's layout. */
    public static Path besideLauncher() {
        try {
            Path location = Path.of(Library.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent().resolve("lib");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("lib").toAbsolutePath();
        }
    }

    public Path dir() {
        return dir;
    }

    public Path artifact(String name) {
        return dir.resolve(name);
    }

    /**
     * @throws ConfigException naming the missing artifacts and how to build them
     */
    public Library requireComplete() {
        List<String> missing = ARTIFACTS.stream().filter(a -> !Files.isRegularFile(dir.resolve(a))).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException("missing " + String.join(", ", missing) + " in " + dir
                    + ": run `mvn -DskipTests package` in the FuncFabric directory (or set FABRIC_LIB_DIR)");
        }
        return this;
    }
}
