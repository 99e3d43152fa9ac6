package org.funcfabric.core.common;

/** The part of a client's value that an error message quotes: never more than a bounded start of it. */
public final class Excerpt {
    private Excerpt() {
    }

    /** {@code text} itself when it has at most {@code maxChars} characters, else its start and "…". */
    public static String of(String text, int maxChars) {
        return text.length() > maxChars ? text.substring(0, maxChars) + "…" : text;
    }
}
