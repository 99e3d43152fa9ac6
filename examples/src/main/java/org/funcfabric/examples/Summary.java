package org.funcfabric.examples;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.Function;

/** Count, mean, minimum and maximum of a list of numbers; a record comes back as a JSON object. */
public class Summary implements Function<List<Double>, Summary.Stats> {
    /** The summary of a non-empty list of numbers. */
    public record Stats(long count, double mean, double min, double max) {
    }

    /**
     * @throws IllegalArgumentException for an empty list, whose mean is not a number JSON can carry
     */
    @Override
    public Stats apply(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("cannot summarize an empty list");
        }
        DoubleSummaryStatistics stats = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return new Stats(stats.getCount(), stats.getAverage(), stats.getMin(), stats.getMax());
    }
}
