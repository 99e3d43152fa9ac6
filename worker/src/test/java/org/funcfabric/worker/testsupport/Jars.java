package org.funcfabric.worker.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.funcfabric.protocol.JavaFunctionCode;

/** Jars of Java functions for tests: the examples module's, and jars compiled from source on the spot. */
public final class Jars {
    private static final String EXAMPLE = "org.funcfabric.examples.Square";

    private Jars() {
    }

    /**
     * The examples module's jar (a test dependency); when the build hands over its classes directory
     * instead, as {@code mvn test} in the reactor does, a jar made of it in {@code dir}.
     */
    public static Path examples(Path dir) throws IOException {
        Path location;
        try {
            URI uri = Class.forName(EXAMPLE).getProtectionDomain().getCodeSource().getLocation().toURI();
            location = Path.of(uri);
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the examples module is not on the test class path", e);
        }
        return Files.isDirectory(location) ? jar(location, dir.resolve("funcfabric-examples.jar")) : location;
    }

    /** The {@code jv} buffer of {@code className} in {@code jar}. */
    public static String function(String className, Path jar) throws IOException {
        return JavaFunctionCode.of(className, Files.readAllBytes(jar)).buffer();
    }

    /**
     * Compiles Java sources against the platform alone, as a user's jar would be, into the jar
     * {@code dir/name}.
     *
     * @param sources source text by binary class name, e.g. {@code "demo.Echo"}
     */
    public static Path compile(Path dir, String name, Map<String, String> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createTempDirectory(dir, name + "-classes");
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, source) -> units.add(new Source(className, source)));
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null,
                List.of("--release", "17", "-d", classes.toString(), "-classpath", ""), null, units).call();
        if (!compiled) {
            throw new IllegalStateException("test sources did not compile:\n" + errors);
        }
        return jar(classes, dir.resolve(name));
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
