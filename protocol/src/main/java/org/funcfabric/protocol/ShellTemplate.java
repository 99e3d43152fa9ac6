package org.funcfabric.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command template of a shell function (API.md "FuncFabric function kinds"), read the way Python's
 * {@code str.format} reads it for Globus Compute's {@code ShellFunction}: {@code {name}} from keyword
 * arguments, {@code {0}}, {@code {1}}… (or {@code {}}) from positional ones, {@code {{} and {@code }}}
 * for literal braces. Unlike {@code str.format}, every value is quoted for the place its placeholder
 * stands in the command, so an argument is always one literal piece of text and never shell code.
 *
 * <p>The service checks a template when a function is registered, and the worker again before it fills
 * one (a function registered before the check existed was never checked): a placeholder may stand only
 * where the command is plain shell, inside {@code '…'} or inside {@code "…"}; {@link #parse} refuses any
 * other place, and any command the lexer cannot follow.
 */
public final class ShellTemplate {
    /** The two-character buffer header of shell functions, whose body's {@code "cmd"} is the template. */
    public static final String HEADER = "sh";

    private static final Pattern FIELD = Pattern.compile("\\{\\{|}}|\\{([^{}]*)}");

    /** How a value is written where its placeholder stands. */
    public enum Quoting {
        /** Where the shell reads words: a single-quoted word, in which nothing but the quote is special. */
        WORD {
            @Override
            String quote(String value) {
                return "'" + inSingleQuotes(value) + "'";
            }
        },
        /** Inside {@code '…'}: each quote closes the quotes, adds an escaped quote and opens them again. */
        SINGLE_QUOTED {
            @Override
            String quote(String value) {
                return inSingleQuotes(value);
            }
        },
        /**
         * Inside {@code "…"}: the four characters special there ({@code \ $ ` "}) are escaped. {@code !}
         * is not: {@code sh -c} runs a non-interactive shell, which never expands history.
         */
        DOUBLE_QUOTED {
            @Override
            String quote(String value) {
                return value.replaceAll("([\\\\$`\"])", "\\\\$1");
            }
        };

        abstract String quote(String value);

        private static String inSingleQuotes(String value) {
            return value.replace("'", "'\\''");
        }
    }

    private sealed interface Part permits Text, Slot {
    }

    private record Text(String text) implements Part {
    }

    private record Slot(String name, Quoting quoting) implements Part {
    }

    private final List<Part> parts;

    private ShellTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Reads a template and decides how each placeholder is quoted.
     *
     * @throws ProtocolException naming the first placeholder that stands where no quoting keeps its
     *                           value literal ({@code $(…)}, backticks, {@code ${…}}, arithmetic, a comment,
     *                           after a backslash or a {@code $}, after a here-document), or the reason the
     *                           lexer cannot follow a command that has placeholders
     */
    public static ShellTemplate parse(String template) {
        Matcher m = FIELD.matcher(template);
        StringBuilder shell = new StringBuilder();
        List<Integer> slotOffsets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> written = new ArrayList<>();
        int nextAuto = 0;
        int last = 0;
        while (m.find()) {
            shell.append(template, last, m.start());
            last = m.end();
            switch (m.group()) {
                case "{{" -> shell.append('{');
                case "}}" -> shell.append('}');
                default -> {
                    String name = m.group(1).isEmpty() ? Integer.toString(nextAuto++) : m.group(1);
                    slotOffsets.add(shell.length());
                    names.add(name);
                    written.add(m.group());
                }
            }
        }
        shell.append(template, last, template.length());
        List<ShellLexer.Placement> placements = ShellLexer.place(shell, slotOffsets);

        List<Part> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < names.size(); i++) {
            ShellLexer.Placement placement = placements.get(i);
            if (placement.quoting() == null) {
                throw new ProtocolException("placeholder " + written.get(i) + " " + placement.refusal()
                        + "; a placeholder may stand where the shell reads a word, or inside '…' or \"…\","
                        + " and its value is quoted for that place");
            }
            int at = slotOffsets.get(i);
            parts.add(new Text(shell.substring(from, at)));
            parts.add(new Slot(names.get(i), placement.quoting()));
            from = at;
        }
        parts.add(new Text(shell.substring(from)));
        return new ShellTemplate(List.copyOf(parts));
    }

    /** The placeholders' names in order, positional ones as their index ({@code "0"}, {@code "1"}…). */
    public List<String> names() {
        return parts.stream().filter(Slot.class::isInstance).map(p -> ((Slot) p).name()).toList();
    }

    /**
     * The command with every placeholder replaced by its value, quoted for its place.
     *
     * @param valueOf the value of each of {@link #names()}; the caller has checked that there is one
     */
    public String fill(Function<String, String> valueOf) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Slot slot) {
                out.append(slot.quoting().quote(valueOf.apply(slot.name())));
            } else {
                out.append(((Text) part).text());
            }
        }
        return out.toString();
    }
}
