package org.funcfabric.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.funcfabric.protocol.ShellTemplate.Quoting;

/**
 * Follows a POSIX shell command the way {@code sh} (dash) and {@code bash} read it, far enough to tell
 * where each placeholder of a {@link ShellTemplate} stands: where words are read, inside {@code '…'},
 * inside {@code "…"}, or somewhere no quoting makes a value literal. Where it cannot be sure (quotes
 * inside backquotes or inside a double-quoted {@code ${…}}, an unclosed {@code ((}, a {@code case}
 * inside {@code (…)} or {@code $(…)}, a command that ends inside quotes) it gives up and every
 * placeholder is refused; after a here-document ({@code <<}) it
 * stops reading, and placeholders from there on are refused.
 */
final class ShellLexer {
    /** Where one placeholder stands: how its value is quoted, or why it may not stand there. */
    record Placement(Quoting quoting, String refusal) {
        static Placement refused(String why) {
            return new Placement(null, why);
        }
    }

    private enum Context {
        COMMAND("the command", false),
        SUBSHELL("(…)", false),
        SINGLE_QUOTES("'…'", false),
        DOUBLE_QUOTES("\"…\"", false),
        COMMAND_SUBSTITUTION("$(…)", true),
        BACKQUOTES("`…`", true),
        ARITHMETIC("arithmetic $((…)) or ((…))", true),
        LEGACY_ARITHMETIC("arithmetic $[…]", true),
        PARAMETER("${…}", true),
        ANSI_C_QUOTES("$'…'", true),
        COMMENT("a comment", true);

        final String shape;
        final boolean refusesPlaceholders;

        Context(String shape, boolean refusesPlaceholders) {
            this.shape = shape;
            this.refusesPlaceholders = refusesPlaceholders;
        }
    }

    private static final String WORD_SEPARATORS = " \t\n;&|()<>";

    private final CharSequence text;
    private final int n;
    /** {@code slotAt[p]}: a placeholder stands right before character {@code p}. */
    private final boolean[] slotAt;
    /** {@code escaped[p]}: a backslash escapes what stands at {@code p} (a character or a placeholder). */
    private final boolean[] escaped;
    private final Deque<Context> stack = new ArrayDeque<>();
    private String lost;
    private boolean hereDocument;

    private ShellLexer(CharSequence text, List<Integer> slotOffsets) {
        this.text = text;
        this.n = text.length();
        this.slotAt = new boolean[n + 1];
        this.escaped = new boolean[n + 1];
        slotOffsets.forEach(offset -> slotAt[offset] = true);
        stack.push(Context.COMMAND);
    }

    /**
     * @param text        the command with its placeholders taken out and {@code {{ }}} made single
     * @param slotOffsets where each placeholder stood in {@code text}, ascending
     * @return one placement per placeholder, in order
     */
    static List<Placement> place(CharSequence text, List<Integer> slotOffsets) {
        return new ShellLexer(text, slotOffsets).run(slotOffsets);
    }

    private List<Placement> run(List<Integer> slotOffsets) {
        List<Placement> placements = new ArrayList<>();
        int slot = 0;
        for (int p = 0; p <= n && !hereDocument; p++) {
            boolean first = true;
            while (slot < slotOffsets.size() && slotOffsets.get(slot) == p) {
                placements.add(judge(p, first));
                first = false;
                slot++;
            }
            if (p < n) {
                p = step(p);
            }
        }
        while (placements.size() < slotOffsets.size()) {
            placements.add(Placement.refused("follows a here-document (<<), which the check does not read"));
        }
        if (!hereDocument) {
            if (stack.peek() == Context.COMMENT) {
                stack.pop();
            }
            if (stack.size() > 1) {
                lose("it ends inside " + stack.peek().shape);
            }
        }
        if (lost != null) {
            String why = "cannot be placed: the check cannot follow this command (" + lost + ")";
            return placements.stream().map(p -> Placement.refused(why)).toList();
        }
        return placements;
    }

    private Placement judge(int p, boolean rightAfterText) {
        if (rightAfterText && escaped[p]) {
            return Placement.refused("follows a backslash");
        }
        for (Context context : stack) {
            if (context.refusesPlaceholders) {
                return Placement.refused("sits inside " + context.shape);
            }
        }
        Context top = stack.peek();
        if (top == Context.SINGLE_QUOTES) {
            return new Placement(Quoting.SINGLE_QUOTED, null);
        }
        if (rightAfterText && p > 0 && text.charAt(p - 1) == '$' && !escaped[p - 1]) {
            return Placement.refused("follows a $ (write ${{name}} for a shell variable)");
        }
        return new Placement(top == Context.DOUBLE_QUOTES ? Quoting.DOUBLE_QUOTED : Quoting.WORD, null);
    }

    /** Reads the character at {@code p} (and any it belongs with); returns the last index read. */
    private int step(int p) {
        char c = text.charAt(p);
        Context top = stack.peek();
        switch (top) {
            case SINGLE_QUOTES -> {
                if (c == '\'') {
                    stack.pop();
                }
                return p;
            }
            case COMMENT -> {
                if (c == '\n') {
                    stack.pop();
                }
                return p;
            }
            case ANSI_C_QUOTES -> {
                if (c == '\\') {
                    return escape(p);
                }
                if (c == '\'') {
                    stack.pop();
                }
                return p;
            }
            case BACKQUOTES -> {
                if (c == '\\') {
                    return escape(p);
                }
                if (c == '`') {
                    stack.pop();
                } else if (c == '\'' || c == '"') {
                    lose("a quote inside `…`");
                } else if (c == '<' && next(p) == '<') {
                    hereDocument = true;
                }
                return p;
            }
            case DOUBLE_QUOTES -> {
                switch (c) {
                    case '\\' -> {
                        return escape(p);
                    }
                    case '"' -> stack.pop();
                    case '`' -> stack.push(Context.BACKQUOTES);
                    case '$' -> {
                        return dollar(p, false);
                    }
                    default -> {
                    }
                }
                return p;
            }
            default -> {
                return unquoted(p, c, top);
            }
        }
    }

    /** Where the shell reads words: the command itself, {@code (…)}, {@code $(…)}, arithmetic, {@code ${…}}. */
    private int unquoted(int p, char c, Context top) {
        boolean commands = top == Context.COMMAND || top == Context.SUBSHELL || top == Context.COMMAND_SUBSTITUTION;
        switch (c) {
            case '\\' -> {
                return escape(p);
            }
            case '\'', '"' -> {
                if (!commands && insideDoubleQuotes()) {
                    // Shells disagree about quotes inside a double-quoted ${…} or $((…)).
                    lose("a quote inside \"" + top.shape + "\"");
                } else {
                    stack.push(c == '\'' ? Context.SINGLE_QUOTES : Context.DOUBLE_QUOTES);
                }
            }
            case '`' -> stack.push(Context.BACKQUOTES);
            case '$' -> {
                return dollar(p, !insideDoubleQuotes());
            }
            case 'c' -> {
                if (commands && top != Context.COMMAND && wordStart(p) && isWord(p, "case")) {
                    // Its patterns end in an unmatched ), which would end the (…) or $(…) too early.
                    lose("a case inside " + top.shape);
                }
            }
            case '#' -> {
                if (commands && wordStart(p)) {
                    stack.push(Context.COMMENT);
                }
            }
            case '(' -> {
                if (commands && next(p) == '(' && wordStart(p)) {
                    stack.push(Context.ARITHMETIC);
                    return p + 1;
                }
                if (top != Context.PARAMETER) {
                    stack.push(Context.SUBSHELL);
                }
            }
            case ')' -> {
                if (top == Context.SUBSHELL || top == Context.COMMAND_SUBSTITUTION) {
                    stack.pop();
                } else if (top == Context.ARITHMETIC) {
                    if (next(p) != ')') {
                        lose("a (( that is not closed by ))");
                        return p;
                    }
                    stack.pop();
                    return p + 1;
                }
                // In the command itself an unmatched ) ends a case pattern; in ${…} it is text.
            }
            case '}' -> {
                if (top == Context.PARAMETER) {
                    stack.pop();
                }
            }
            case ']' -> {
                if (top == Context.LEGACY_ARITHMETIC) {
                    stack.pop();
                }
            }
            case '<' -> {
                if (commands && next(p) == '<') {
                    hereDocument = true;
                }
            }
            default -> {
            }
        }
        return p;
    }

    private int dollar(int p, boolean mayQuote) {
        char next = next(p);
        if (next == '(') {
            if (p + 2 < n && !slotAt[p + 2] && text.charAt(p + 2) == '(') {
                stack.push(Context.ARITHMETIC);
                return p + 2;
            }
            stack.push(Context.COMMAND_SUBSTITUTION);
            return p + 1;
        }
        if (next == '{') {
            stack.push(Context.PARAMETER);
            return p + 1;
        }
        if (next == '[') {
            stack.push(Context.LEGACY_ARITHMETIC);
            return p + 1;
        }
        if (mayQuote && next == '\'') {
            stack.push(Context.ANSI_C_QUOTES);
            return p + 1;
        }
        if (mayQuote && next == '"') {
            // bash's $"…" is "…" translated; dash reads $ and "…". Either way the text is double-quoted.
            stack.push(Context.DOUBLE_QUOTES);
            return p + 1;
        }
        return p;
    }

    private int escape(int p) {
        escaped[p + 1] = true;
        return p + 1 < n && !slotAt[p + 1] ? p + 1 : p;
    }

    /** The character right after {@code p}, or 0 when the text ends or a placeholder comes between. */
    private char next(int p) {
        return p + 1 < n && !slotAt[p + 1] ? text.charAt(p + 1) : 0;
    }

    private boolean wordStart(int p) {
        if (p == 0) {
            return true;
        }
        return !slotAt[p] && !escaped[p - 1] && WORD_SEPARATORS.indexOf(text.charAt(p - 1)) >= 0;
    }

    /** Whether {@code word} stands at {@code p} as a whole word, with no placeholder inside or after it. */
    private boolean isWord(int p, String word) {
        int end = p + word.length();
        if (end > n || !text.subSequence(p, end).toString().equals(word)) {
            return false;
        }
        for (int q = p + 1; q <= end; q++) {
            if (slotAt[q]) {
                return false;
            }
        }
        return end == n || WORD_SEPARATORS.indexOf(text.charAt(end)) >= 0;
    }

    private boolean insideDoubleQuotes() {
        for (Context context : stack) {
            switch (context) {
                case DOUBLE_QUOTES -> {
                    return true;
                }
                case PARAMETER, ARITHMETIC, LEGACY_ARITHMETIC -> {
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private void lose(String why) {
        if (lost == null) {
            lost = why;
        }
    }
}
