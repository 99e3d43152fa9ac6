package org.funcfabric.launcher.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.funcfabric.launcher.config.UpSettings;
import org.funcfabric.protocol.SerializedBuffers;
import org.jose4j.json.JsonUtil;

/**
 * What the user sees once everything is ready: where the API is, which endpoint to submit to, where
 * the token and logs are, and three curl commands that run a first task.
 */
public final class Banner {
    private Banner() {
    }

    public static String render(UpSettings settings, Path tokenFile, Path logDir, Optional<String> endpointName,
                                Optional<String> endpointId, Duration readyAfter) {
        String base = settings.baseUrl();
        String auth = "--oauth2-bearer \"$(cat " + shellQuote(tokenFile.toString()) + ")\"";
        String json = "-H 'Content-Type: application/json'";

        Map<String, Object> shell = new LinkedHashMap<>();
        shell.put("cmd", "echo hello {name}");
        shell.put("walltime", 5);
        Map<String, Object> register = new LinkedHashMap<>();
        register.put("function_name", "hello");
        register.put("function_code", "sh\n" + JsonUtil.toJson(shell));
        // Globus Compute payload: packed (args, kwargs), both JSON buffers.
        String payload = SerializedBuffers.pack("11\n[]", "11\n" + JsonUtil.toJson(Map.of("name", "you")));
        Map<String, Object> submit = Map.of("tasks", Map.of("<function_uuid>", List.of(payload)));

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nFuncFabric is up (ready %.1f s after start)%n", readyAfter.toMillis() / 1000.0));
        out.append("  API        ").append(base).append('\n');
        if (endpointName.isPresent()) {
            out.append("  endpoint   ").append(endpointName.get()).append("  ").append(endpointId.orElse("?")).append('\n');
        } else {
            out.append("  endpoint   none (FABRIC_LOCAL_ENDPOINT is empty)\n");
        }
        out.append("  token      ").append(tokenFile).append('\n');
        out.append("  logs       ").append(logDir).append('\n');
        out.append("Register a shell function, run it on the endpoint, fetch the result:\n");
        out.append("  curl -s ").append(auth).append(' ').append(json).append(" -d '").append(JsonUtil.toJson(register))
                .append("' ").append(base).append("/v3/functions\n");
        out.append("  curl -s ").append(auth).append(' ').append(json).append(" -d '").append(JsonUtil.toJson(submit))
                .append("' ").append(base).append("/v3/endpoints/").append(endpointId.orElse("<endpoint_id>"))
                .append("/submit\n");
        out.append("  curl -s ").append(auth).append(' ').append(base).append("/v2/tasks/<task_uuid>\n");
        out.append("Ctrl-C stops everything.\n");
        return out.toString();
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
