package io.waymark.benchmarks.analysis;

import java.util.ArrayList;
import java.util.List;

/** The analyses the benchmark times, each with its SQL baseline. */
final class AnalysisCases {
    private AnalysisCases() {
    }

    static List<AnalysisBenchmark.Case> all() {
        List<AnalysisBenchmark.Case> out = new ArrayList<>();
        return out;
    }
}
