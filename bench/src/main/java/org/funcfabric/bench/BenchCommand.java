package org.funcfabric.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.funcfabric.bench.measure.NoopKind;
import org.funcfabric.bench.measure.ProcessMemory;
import org.funcfabric.bench.measure.Workloads;
import org.funcfabric.bench.peers.PeerRun;
import org.funcfabric.bench.report.Figures;
import org.funcfabric.bench.report.PeerSummary;
import org.funcfabric.bench.report.Ratios;
import org.funcfabric.bench.report.Summary;
import org.funcfabric.bench.stack.LaunchedStack;
import org.funcfabric.client.FuncFabricClient;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code funcfabric bench}: starts FuncFabric as a user would, on its own run directory and free ports,
 * runs every workload {@code --runs} times, prints a line per run and the summary
 * {@code funcfabric: key=median(min-max) …} in the peer baselines' format; with {@code --peers} runs
 * the peers' scripts afterwards with the same counts and prints the ratios. Relative paths count from
 * the directory it runs in, the repository root under {@code ./funcfabric bench}. See
 * docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark FuncFabric on this machine: latency, throughput, sleep efficiency, a Java map,",
                "submit time, memory and the task path's hops; see docs/performance.md."})
public final class BenchCommand implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;
    static final int FAILED = 1;
    static final List<String> POSTGRES_VARIABLES = List.of("FABRIC_DB_URL", "FABRIC_DB_USER", "FABRIC_DB_PASSWORD");
    static final List<String> PEER_SCRIPTS = List.of("celery_bench.sh", "dask_bench.sh");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Where the service keeps its data. */
    enum Database { h2, postgres }

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", description = "repetitions of every workload (default ${DEFAULT-VALUE})")
    int runs = 3;
    @Option(names = "--lat", description = "timed sequential round trips per kind and path (default ${DEFAULT-VALUE})")
    int lat = 200;
    @Option(names = "--warmups", description = "untimed round trips before them (default ${DEFAULT-VALUE})")
    int warmups = 20;
    @Option(names = "--tput", description = "no-op tasks per kind for throughput; 0 skips (default ${DEFAULT-VALUE})")
    int tput = 20_000;
    @Option(names = "--sleep", description = "tasks sleeping 10 ms on 2 slots; 0 skips (default ${DEFAULT-VALUE})")
    int sleep = 4_000;
    @Option(names = "--java-map", description = "inputs of the Java no-op map; 0 skips (default ${DEFAULT-VALUE})")
    int javaMap = 1_000_000;
    @Option(names = "--java-map-chunk", description = "inputs per task of the Java map (default ${DEFAULT-VALUE})")
    int javaMapChunk = 100_000;
    @Option(names = "--kinds", split = ",", description = "no-op kinds measured for latency and throughput (default python,shell,java)")
    List<NoopKind> kinds = List.of(NoopKind.PYTHON, NoopKind.SHELL, NoopKind.JAVA);
    @Option(names = "--db", description = "h2 (the embedded default) or postgres (FABRIC_DB_URL, FABRIC_DB_USER, FABRIC_DB_PASSWORD) (default ${DEFAULT-VALUE})")
    Database db = Database.h2;
    @Option(names = "--peers", description = "afterwards run the peers' celery_bench.sh and dask_bench.sh with the same counts and print the ratios")
    boolean peers;
    @Option(names = "--peers-dir", description = "the peer baselines (default ${DEFAULT-VALUE})")
    Path peersDir = Path.of("../shared/bench-peers");
    @Option(names = "--work-dir", description = "the stack's run directory and logs (default bench/target/runs/<time>)")
    Path workDir;
    @Option(names = "--launcher-jar", description = "(default ${DEFAULT-VALUE})")
    Path launcherJar = Path.of("launcher/target/funcfabric-launcher.jar");
    @Option(names = "--examples-jar", description = "the jar of the Java no-op, org.funcfabric.examples.Noop (default ${DEFAULT-VALUE})")
    Path examplesJar = Path.of("examples/target/funcfabric-examples.jar");

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> environment = stackEnvironment();
        requireCounts();
        byte[] examples = readJar(examplesJar);
        List<Path> peerScripts = peers ? peerScripts() : List.of();
        Path dir = workDir != null ? workDir : Path.of("bench", "target", "runs", LocalDateTime.now().format(STAMP));

        out.println("bench: db=" + db + " endpoint=1 worker x " + Workloads.SLOTS + " slots runs=" + runs + " lat=" + lat
                + " tput=" + tput + " sleep=" + sleep + " java_map=" + javaMap + "/" + javaMapChunk + " kinds="
                + kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")));
        out.flush();
        LaunchedStack stack = new LaunchedStack(launcherJar, dir, "bench-" + UUID.randomUUID().toString().substring(0, 8),
                environment, line -> log(err, line));
        List<Figures> results = new ArrayList<>();
        try {
            stack.start();
            try (FuncFabricClient client = FuncFabricClient.builder().serviceUrl(stack.baseUrl()).token(stack.token()).build()) {
                Workloads workloads = new Workloads(client, stack.endpointId(), kinds,
                        new Workloads.Counts(lat, warmups, tput, sleep, javaMap, javaMapChunk), examples, line -> log(err, line));
                for (int r = 1; r <= runs; r++) {
                    Figures f = workloads.runOnce().putAll(ProcessMemory.peaks(stack));
                    results.add(f);
                    out.println("run " + r + ": " + f.line() + " load1=" + load1());
                    out.flush();
                }
            }
        } catch (RuntimeException e) {
            err.println("bench failed: " + e.getMessage() + " (logs in " + stack.workDir() + ")");
            e.printStackTrace(err);
            err.flush();
            return FAILED;
        } finally {
            stack.stop(false);
        }
        String summary = "funcfabric: " + Summary.of(results);
        out.println(summary);
        out.flush();
        if (!peerScripts.isEmpty()) {
            comparePeers(peerScripts, Summary.medians(results), summary, out);
        }
        return 0;
    }

    private void comparePeers(List<Path> scripts, Map<String, Double> ours, String summary, PrintWriter out)
            throws IOException, InterruptedException {
        Map<String, String> counts = Map.of("RUNS", Integer.toString(runs), "N_LAT", Integer.toString(lat),
                "N_TPUT", Integer.toString(tput), "N_SLEEP", Integer.toString(sleep));
        List<PeerSummary> summaries = new ArrayList<>();
        for (Path script : scripts) {
            out.println("== " + script);
            out.flush();
            PeerRun.run(script, counts, out).ifPresent(summaries::add);
        }
        out.println(summary);
        summaries.forEach(s -> out.println(Ratios.line(ours, s)));
        out.flush();
    }

    /** The launcher's FABRIC_* variables: the bench's endpoint, no submission limit, the chosen database. */
    private Map<String, String> stackEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FABRIC_LOCAL_WORKERS", "1");
        env.put("FABRIC_LOCAL_SLOTS", Integer.toString(Workloads.SLOTS));
        env.put(LaunchedStack.SUBMIT_RATE, "0");
        Optional.ofNullable(System.getenv("FABRIC_PYTHON")).ifPresent(p -> env.put("FABRIC_PYTHON", p));
        if (db == Database.postgres) {
            List<String> missing = POSTGRES_VARIABLES.stream().filter(v -> System.getenv(v) == null).toList();
            if (!missing.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--db postgres needs " + String.join(", ", missing)
                        + " set to a PostgreSQL database (as for the service)");
            }
            POSTGRES_VARIABLES.forEach(v -> env.put(v, System.getenv(v)));
        }
        return env;
    }

    private void requireCounts() {
        if (runs < 1 || lat < 1 || warmups < 0 || tput < 0 || sleep < 0 || javaMap < 0 || javaMapChunk < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--runs and --lat must be at least 1, --java-map-chunk too; the other counts 0 or more");
        }
        if (kinds.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--kinds needs at least one of python, shell, java");
        }
    }

    private byte[] readJar(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new ParameterException(spec.commandLine(), jar.toAbsolutePath().normalize()
                    + " is missing: build it (mvn -B -q install -DskipTests) or give --examples-jar");
        }
        return Files.readAllBytes(jar);
    }

    private List<Path> peerScripts() {
        List<Path> scripts = PEER_SCRIPTS.stream().map(peersDir::resolve).toList();
        scripts.stream().filter(s -> !Files.isRegularFile(s)).findFirst().ifPresent(s -> {
            throw new ParameterException(spec.commandLine(), s.toAbsolutePath().normalize()
                    + " is missing: give --peers-dir, the directory of the peer baselines");
        });
        return scripts;
    }

    private static void log(PrintWriter err, String line) {
        err.println("[bench " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + line);
        err.flush();
    }

    private static String load1() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
