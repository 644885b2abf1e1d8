package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.stats.ExperimentResult;
import io.waymark.core.stats.ExperimentStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentSpecParserTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void aSavedExperimentWithOptions() {
        var spec = (ExperimentSpec) parser.parse("""
                {"kind":"experiment","experiment":"checkout","sequential":true,"correction":"benjamini_hochberg","cuped":false,"segment":"mobile"}""");
        assertThat(spec.experiment()).isEqualTo("checkout");
        assertThat(spec.sequential()).isTrue();
        assertThat(spec.correction()).isEqualTo(ExperimentSpec.Correction.BENJAMINI_HOCHBERG);
        assertThat(spec.cuped()).isFalse();
        assertThat(spec.segment().id()).isEqualTo("mobile");
        assertThat(spec.summaries()).isNull();
    }

    /** GrowthBook gbstats' test_two_sided_ttest_binom (MIT): 14 of 28 vs 16 of 30 converted, relative lift. */
    @Test
    void statelessSummariesReproduceAGbstatsVector() {
        var spec = (ExperimentSpec) parser.parse("""
                {"kind":"experiment","summaries":{"variants":["control","b"],"metrics":[{"name":"conversion","type":"binomial",
                  "variants":[{"n":28,"sum":14,"sumSquares":14},{"n":30,"sum":16,"sumSquares":16}]}]}}""");
        ExperimentResult r = ExperimentStatistics.analyze(spec.summaries());
        var relative = r.metrics().get(0).comparisons().get(0).frequentist().relative();
        assertThat(relative.estimate()).isCloseTo(0.06667, within(1e-5));
        assertThat(relative.standardError()).isCloseTo(0.2717, within(1e-4));
        assertThat(relative.pValue()).isCloseTo(0.80707, within(1e-5));
        assertThat(r.sampleRatio().observed()).containsExactly(28L, 30L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'kind':'experiment'} | experiment",
            "{'kind':'experiment','experiment':'Bad Key'} | experiment",
            "{'kind':'experiment','experiment':'k','correction':'bonferroni'} | correction",
            "{'kind':'experiment','experiment':'k','summaries':{}} | experiment",
            "{'kind':'experiment','summaries':{'variants':['a'],'metrics':[]}} | summaries.variants",
            "{'kind':'experiment','summaries':{'variants':['a','b']}} | summaries.metrics",
            "{'kind':'experiment','summaries':{'variants':['a','b'],'metrics':[{'name':'m','type':'ratio','variants':[]}]}} | summaries.metrics[0].variants",
            "{'kind':'experiment','summaries':{'variants':['a','b'],'metrics':[{'name':'m','type':'mean','variants':[{'n':2,'sum':1,'sumSquares':1},{'sum':1,'sumSquares':1}]}]}} | summaries.metrics[0].variants[1].n",
            "{'kind':'experiment','summaries':{'variants':['a','b'],'metrics':[{'name':'m','type':'mean','variants':[{'n':2,'sum':1,'sumSquares':-1},{'n':2,'sum':1,'sumSquares':1}]}]}} | summaries.metrics[0].variants[0]",
            "{'kind':'experiment','summaries':{'variants':['a','b'],'metrics':[{'name':'m','type':'ratio','variants':[{'n':2,'sum':1,'sumSquares':1},{'n':2,'sum':1,'sumSquares':1}]}]}} | summaries.metrics[0].type",
            "{'kind':'experiment','summaries':{'variants':['a','b'],'weights':[1],'metrics':[]}} | summaries.weights",
            "{'kind':'experiment','summaries':{'variants':['a','b'],'metrics':[{'name':'m','type':'binomial','variants':[{'n':100,'sum':101,'sumSquares':101},{'n':2,'sum':1,'sumSquares':1}]}]}} | summaries.metrics[0].variants[0].sum",
            "{'kind':'experiment','segment':'x','summaries':{'variants':['a','b'],'metrics':[]}} | segment"})
    void errorsNameTheField(String json, String field) {
        assertInvalid(json.replace('\'', '"'), field);
    }
}
