package org.funcfabric.launcher.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of the {@link Knob}s from an environment map. Each read fails with a
 * {@link ConfigException} naming the knob, so the user learns which variable to correct.
 */
public final class Knobs {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> env;
    private final Path workingDir;

    /**
     * @param env        the environment, normally {@link System#getenv()}
     * @param workingDir the directory relative paths are resolved against
     */
    public Knobs(Map<String, String> env, Path workingDir) {
        this.env = Map.copyOf(env);
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    public static Knobs fromSystem() {
        return new Knobs(System.getenv(), Path.of(""));
    }

    /** The value as set, including an empty one; absent when the variable is not set. */
    public Optional<String> raw(Knob knob) {
        return Optional.ofNullable(env.get(knob.name()));
    }

    /** The trimmed value, or {@code defaultValue} when unset or blank. */
    public String string(Knob knob, String defaultValue) {
        String v = env.get(knob.name());
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    /** An absolute, normalized path; relative values count from the working directory. */
    public Path path(Knob knob, String defaultValue) {
        String v = string(knob, defaultValue);
        try {
            return workingDir.resolve(v).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(knob + "=" + v + " is not a usable path: set " + knob + " to a directory");
        }
    }

    public int port(Knob knob, int defaultValue) {
        int p = integer(knob, defaultValue);
        if (p < 1 || p > 65535) {
            throw new ConfigException(knob + "=" + p + " is not a port number: set " + knob + " between 1 and 65535");
        }
        return p;
    }

    public int positive(Knob knob, int defaultValue) {
        int n = integer(knob, defaultValue);
        if (n < 1) {
            throw new ConfigException(knob + "=" + n + " must be at least 1: set " + knob);
        }
        return n;
    }

    private int integer(Knob knob, int defaultValue) {
        String v = string(knob, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(knob + "=" + v + " is not a whole number: set " + knob + " to a number");
        }
    }

    public Duration duration(Knob knob, String defaultValue) {
        String v = string(knob, defaultValue);
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(knob + "=" + v + " is not a duration: set " + knob + " like 300, 90s, 15m, 12h or 30d");
        }
    }

    /**
     * Parses {@code 90}, {@code 90s}, {@code 15m}, {@code 12h}, {@code 30d}, {@code 500ms} (a bare
     * number is seconds) or an ISO-8601 duration such as {@code PT1H}; the result is positive.
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException(text);
            };
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("not a positive duration: " + text);
        }
        return d;
    }
}
