package org.funcfabric.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.funcfabric.bench.report.PeerSummary;

/**
 * One peer baseline script of {@code bench-peers/} ({@code celery_bench.sh}, {@code dask_bench.sh})
 * run to the end with FuncFabric's counts; its output is passed on and its summary line kept.
 */
public final class PeerRun {
    private PeerRun() {
    }

    /**
     * @param counts {@code RUNS}, {@code N_LAT}, {@code N_TPUT}, {@code N_SLEEP}
     * @return the script's summary line; empty when it failed or printed none
     */
    public static Optional<PeerSummary> run(Path script, Map<String, String> counts, PrintWriter out)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(counts);
        Process p = builder.start();
        p.getOutputStream().close();
        Optional<PeerSummary> summary = Optional.empty();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                out.println(line);
                out.flush();
                Optional<PeerSummary> s = PeerSummary.parse(line);
                if (s.isPresent()) {
                    summary = s;
                }
            }
        } finally {
            if (p.isAlive()) {
                // Interrupted: the script's own EXIT trap stops what it started.
                p.destroy();
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            out.println(script.getFileName() + " failed with exit code " + code);
            return Optional.empty();
        }
        return summary;
    }
}
