package org.funcfabric.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * The benchmark once at small counts, so that it cannot rot: it must start its stack, run every
 * workload and print the summary with every figure. It asserts no timing.
 */
class BenchIT {
    static final List<String> KEYS = List.of("py_lat_sse_p50_ms", "py_lat_sse_p99_ms", "py_lat_wait_p50_ms", "py_lat_poll_p50_ms",
            "py_lat_poll_p99_ms", "py_tput", "sh_lat_sse_p50_ms", "sh_lat_poll_p50_ms", "sh_tput", "jv_lat_sse_p50_ms",
            "jv_lat_poll_p50_ms", "jv_tput", "sleep_tput", "sleep_eff", "submit_1000_ms", "java_map_calls_s",
            "hop_received_dispatched_ms", "rss_broker_mb", "rss_service_mb", "rss_connector_mb", "rss_workers_mb");

    @Test
    void printsARunLineAndTheSummaryWithEveryFigure() {
        StringWriter out = new StringWriter();
        CommandLine bench = BenchCommand.commandLine().setOut(new PrintWriter(out));
        Path work = Path.of(System.getProperty("fabric.it.work", "target/bench-it")).resolve("run");
        int code = bench.execute("--runs", "1", "--lat", "5", "--warmups", "2", "--tput", "200", "--sleep", "40",
                "--java-map", "10000",
                "--launcher-jar", System.getProperty("fabric.launcher.jar", "../launcher/target/funcfabric-launcher.jar"),
                "--examples-jar", System.getProperty("fabric.examples.jar", "../examples/target/funcfabric-examples.jar"),
                "--work-dir", work.toString());
        System.out.print(out);
        assertEquals(0, code, "exit code; output:\n" + out);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("run 1: ")), "no run line:\n" + out);
        String summary = lines.stream().filter(l -> l.startsWith("funcfabric: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line:\n" + out));
        for (String key : KEYS) {
            assertTrue(summary.matches(".* " + key + "=[0-9.]+ .*"), key + " missing from: " + summary);
        }
        assertTrue(summary.endsWith(" runs=1"), summary);
    }
}
