package org.funcfabric.examples;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/** How often each word occurs in a text; words are runs of letters and digits, compared in lower case. */
public class WordCount implements Function<String, Map<String, Integer>> {
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    @Override
    public Map<String, Integer> apply(String text) {
        // Sorted, so the same text always gives the same JSON.
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts;
    }
}
