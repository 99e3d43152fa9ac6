package org.funcfabric.worker.shell;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.funcfabric.worker.task.TaskFailure;

/**
 * Fills a command template the way Python's {@code str.format} does for Globus Compute's
 * {@code ShellFunction}: {@code {name}} from keyword arguments, {@code {0}}, {@code {1}}… (or {@code {}})
 * from positional ones, {@code {{} and {@code }}} for literal braces. Unlike {@code str.format}, every
 * value is shell-quoted, so an argument can never inject commands.
 */
final class ShellTemplate {
    private static final Pattern FIELD = Pattern.compile("\\{\\{|}}|\\{([^{}]*)}");

    private ShellTemplate() {
    }

    static String fill(String template, List<JsonValue> args, Map<String, JsonValue> kwargs)
            throws TaskFailure {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        int nextAuto = 0;
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            last = m.end();
            String token = m.group();
            if (token.equals("{{")) {
                out.append('{');
                continue;
            }
            if (token.equals("}}")) {
                out.append('}');
                continue;
            }
            String name = m.group(1);
            JsonValue value;
            if (name.isEmpty()) {
                name = Integer.toString(nextAuto++);
            }
            if (name.chars().allMatch(Character::isDigit)) {
                int index = parseIndex(name);
                value = index < args.size() ? args.get(index) : null;
            } else {
                value = kwargs.get(name);
            }
            if (value == null) {
                throw new TaskFailure("KeyError: missing argument '" + name + "' for shell template");
            }
            out.append(quote(text(value)));
        }
        out.append(template, last, template.length());
        return out.toString();
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The argument as the command should see it: strings bare, everything else as compact JSON. */
    static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    /** POSIX single quoting: nothing inside single quotes is special except the quote itself. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
