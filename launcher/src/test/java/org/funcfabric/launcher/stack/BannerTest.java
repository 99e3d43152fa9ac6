package org.funcfabric.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.funcfabric.launcher.config.Knobs;
import org.funcfabric.launcher.config.UpSettings;
import org.funcfabric.protocol.SerializedBuffers;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BannerTest {
    @TempDir
    Path dir;

    @Test
    void showsWhereEverythingIsAndACurlWalkThroughWithAValidPayload() throws Exception {
        UpSettings s = UpSettings.from(new Knobs(Map.of(), dir), dir.resolve("lib"));
        String banner = Banner.render(s, dir.resolve("var/dev-token"), dir.resolve("var/logs"), Optional.of("local"),
                Optional.of("9d4c7a7e-0c52-4a57-9c0e-5c1a8e4a8a11"), Duration.ofMillis(23_456));

        assertTrue(banner.contains("ready 23.5 s after start"), banner);
        assertTrue(banner.contains("http://127.0.0.1:8080"));
        assertTrue(banner.contains("local  9d4c7a7e-0c52-4a57-9c0e-5c1a8e4a8a11"));
        assertTrue(banner.contains(dir.resolve("var/dev-token").toString()));
        assertTrue(banner.contains("Ctrl-C stops everything"));
        List<String> curls = banner.lines().filter(l -> l.startsWith("  curl ")).toList();
        assertEquals(3, curls.size());
        assertTrue(curls.get(1).contains("/v3/endpoints/9d4c7a7e-0c52-4a57-9c0e-5c1a8e4a8a11/submit"));

        Map<String, Object> register = JsonUtil.parseJson(body(curls.get(0)));
        assertEquals("sh\n{\"cmd\":\"echo hello {name}\",\"walltime\":5}", register.get("function_code"));
        Map<?, ?> tasks = (Map<?, ?>) JsonUtil.parseJson(body(curls.get(1))).get("tasks");
        String payload = (String) ((List<?>) tasks.get("<function_uuid>")).get(0);
        assertEquals("5\n11\n[]17\n11\n{\"name\":\"you\"}", payload);
        assertEquals(List.of("11\n[]", "11\n{\"name\":\"you\"}"), SerializedBuffers.unpack(payload));
    }

    @Test
    void curlLinesRunInAShell() throws Exception {
        Path token = dir.resolve("it's here/dev-token");
        UpSettings s = UpSettings.from(new Knobs(Map.of(), dir), dir.resolve("lib"));
        String line = Banner.render(s, token, dir, Optional.empty(), Optional.empty(), Duration.ZERO).lines()
                .filter(l -> l.startsWith("  curl ")).findFirst().orElseThrow();
        Files.createDirectories(token.getParent());
        Files.writeString(token, "TOKEN");
        // Replace curl by printf to see the arguments the shell would hand it.
        Process p = new ProcessBuilder("sh", "-c", "curl() { printf '%s\\n' \"$@\"; }; " + line).start();
        List<String> args = new String(p.getInputStream().readAllBytes()).lines().toList();

        assertEquals(0, p.waitFor());
        assertEquals("TOKEN", args.get(args.indexOf("--oauth2-bearer") + 1));
        assertEquals("hello", JsonUtil.parseJson(args.get(args.indexOf("-d") + 1)).get("function_name"));
    }

    private static String body(String curl) {
        int start = curl.indexOf("-d '") + 4;
        return curl.substring(start, curl.indexOf('\'', start));
    }
}
