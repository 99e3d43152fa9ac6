package org.funcfabric.connector;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real runnable jars standing in for the worker: a one-class program compiled with the JDK's
 * compiler, so the provider starts, signals and restarts genuine JVM processes.
 */
public final class TestWorkerJars {
    /**
     * Prints its FABRIC_* environment, whether it was given the broker password in a file readable by its
     * owner only, and whether a password reached its environment; then sleeps until stopped.
     */
    public static final String SLEEPING = """
            System.out.println("fake worker " + System.getenv("FABRIC_WORKER_ID")
                    + " endpoint=" + System.getenv("FABRIC_ENDPOINT_ID")
                    + " slots=" + System.getenv("FABRIC_WORKER_SLOTS")
                    + " broker=" + System.getenv("FABRIC_BROKER_URL")
                    + " user=" + System.getenv("FABRIC_BROKER_USER")
                    + " python=" + System.getenv("FABRIC_PYTHON")
                    + " password-given=" + (System.getenv("FABRIC_BROKER_PASSWORD_FILE") != null
                            && java.nio.file.Files.getPosixFilePermissions(
                                    java.nio.file.Path.of(System.getenv("FABRIC_BROKER_PASSWORD_FILE")))
                            .equals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))
                            && java.nio.file.Files.readString(
                                    java.nio.file.Path.of(System.getenv("FABRIC_BROKER_PASSWORD_FILE")))
                            .equals("endpoint-secret"))
                    + " password-in-environment=" + (System.getenv("FABRIC_BROKER_PASSWORD") != null)
                    + " allowed=" + System.getenv("FABRIC_ALLOWED_FUNCTIONS"));
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            """;

    /** Exits at once with the worker's configuration-error code and a line saying what to fix. */
    public static final String CONFIG_ERROR = """
            System.out.println("starting");
            System.err.println("worker: /nowhere/python3 has no dill: set FABRIC_PYTHON");
            System.exit(2);
            """;

    private TestWorkerJars() {
    }

    /** A jar in {@code dir} whose main method has the given body. */
    public static Path build(Path dir, String name, String mainBody) throws IOException {
        Path sources = Files.createDirectories(dir.resolve(name + "-src"));
        Path source = sources.resolve("FakeWorker.java");
        Files.writeString(source, "public class FakeWorker {\n"
                + "    public static void main(String[] args) throws Exception {\n" + mainBody + "    }\n}\n");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null, List.of("-d", sources.toString()), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
        if (!compiled) {
            throw new IllegalStateException("fake worker does not compile:\n" + diagnostics);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeWorker");
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("FakeWorker.class"));
            Files.copy(sources.resolve("FakeWorker.class"), out);
            out.closeEntry();
        }
        return jar;
    }
}
