package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.model.BgNbdModel;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.ClvSpec;
import io.waymark.core.query.KpiSpec;
import io.waymark.core.query.PathsSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.RetentionSpec;
import io.waymark.core.query.SessionsSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;

/** The analyses the benchmark times (those issue 4 sets a speed target for), each with its SQL baseline. */
final class AnalysisCases {
    private static final QuerySpecParser PARSER = new QuerySpecParser();

    private AnalysisCases() {
    }

    static final String CART_ABANDONERS = "{\"all\":[{\"event\":\"add_to_cart\",\"within\":\"7d\"},"
            + "{\"event\":\"purchase\",\"since\":\"add_to_cart\",\"count\":{\"eq\":0}}]}";
    static final String CHAMPIONS = "{\"fact\":\"rfm_group\",\"op\":\"eq\",\"value\":\"champions\"}";

    static List<AnalysisBenchmark.Case> all() {
        String funnel = "{\"kind\":\"funnel\",\"window\":\"7d\",\"steps\":[{\"event\":\"product_view\"},{\"event\":\"add_to_cart\"},"
                + "{\"event\":\"checkout_started\"},{\"event\":\"purchase\"}]}";
        var funnelSql = new FunnelSql.Query(List.of("product_view", "add_to_cart", "checkout_started", "purchase"), Duration.ofDays(7),
                List.of(), null, null);
        String retention = "{\"kind\":\"retention\",\"start\":\"first_seen\",\"return\":\"any\",\"period\":\"week\",\"periods\":8}";
        String paths = "{\"kind\":\"paths\",\"start\":\"product_view\",\"depth\":5,\"top\":20}";
        String sessions = "{\"kind\":\"sessions\",\"gapMinutes\":30}";
        String attribution = "{\"kind\":\"attribution\",\"model\":\"linear\",\"lookbackDays\":30}";
        // Markov and Shapley have no SQL twin: their baseline is the SQL linear attribution (the same touchpoints and
        // conversions), and results are compared on what every model shares, the credit totals
        String markov = "{\"kind\":\"attribution\",\"model\":\"markov\",\"lookbackDays\":30}";
        String shapley = "{\"kind\":\"attribution\",\"model\":\"shapley\",\"lookbackDays\":30}";
        // the kernel also computes the session figures of both periods, which the SQL baseline leaves out
        String clv = "{\"kind\":\"clv\",\"model\":\"bgnbd\",\"top\":10}";
        String kpis = "{\"kind\":\"kpis\",\"from\":\"2025-05-01\",\"to\":\"2025-06-01\",\"churnDays\":30}";
        String asOf = "2025-06-01T00:00:00Z";
        java.time.Instant asOfInstant = java.time.Instant.parse(asOf);
        String abandoners = "{\"kind\":\"segment\",\"asOf\":\"" + asOf + "\",\"rules\":" + CART_ABANDONERS + "}";
        String champions = "{\"kind\":\"segment\",\"asOf\":\"" + asOf + "\",\"rules\":" + CHAMPIONS + "}";
        return List.of(
                new AnalysisBenchmark.Case("segment: cart abandoners (7 days, no purchase since)", abandoners,
                        store -> (long) SegmentSql.cartAbandoners(store, asOfInstant).size(), k -> k.get("members").asLong()),
                new AnalysisBenchmark.Case("segment: RFM champions", champions,
                        store -> SegmentSql.rfm(store, asOfInstant).values().stream().filter(v -> v.endsWith(" champions")).count(),
                        k -> k.get("members").asLong()),
                new AnalysisBenchmark.Case("funnel: 4 steps, 7-day window", funnel,
                        store -> FunnelSql.run(store, funnelSql, false).steps(), k -> FunnelSql.kernelSteps(k.get("steps"))),
                new AnalysisBenchmark.Case("retention: weekly, 8 periods", retention,
                        store -> RetentionSql.run(store, (RetentionSpec) PARSER.parse(retention)), RetentionSql::kernelCohorts),
                new AnalysisBenchmark.Case("paths: from product_view, depth 5", paths,
                        store -> PathsSql.run(store, (PathsSpec) PARSER.parse(paths)), PathsSql::kernelPaths),
                new AnalysisBenchmark.Case("sessions: 30-minute gap", sessions,
                        store -> rounded(Json.MAPPER.valueToTree(new SessionsSql(store).run((SessionsSpec) PARSER.parse(sessions)))),
                        k -> rounded(withoutStats(k))),
                new AnalysisBenchmark.Case("attribution: linear by channel, 30-day lookback", attribution,
                        store -> rounded(Json.MAPPER.valueToTree(new AttributionSql(store).run((AttributionSpec) PARSER.parse(attribution)))),
                        k -> rounded(withoutStats(k))),
                new AnalysisBenchmark.Case("attribution: markov by channel (removal effects)", markov,
                        store -> creditTotals(Json.MAPPER.valueToTree(new AttributionSql(store).run((AttributionSpec) PARSER.parse(attribution)))),
                        AnalysisCases::creditTotals),
                new AnalysisBenchmark.Case("attribution: shapley by channel", shapley,
                        store -> creditTotals(Json.MAPPER.valueToTree(new AttributionSql(store).run((AttributionSpec) PARSER.parse(attribution)))),
                        AnalysisCases::creditTotals),
                new AnalysisBenchmark.Case("clv: BG/NBD fit (summaries + maximum likelihood)", clv,
                        store -> clvSql(store, (ClvSpec) PARSER.parse(clv)), AnalysisCases::clvKernel),
                new AnalysisBenchmark.Case("kpis: a month vs the previous month", kpis,
                        store -> kpisSql(store, (KpiSpec) PARSER.parse(kpis)), AnalysisCases::kpisKernel));
    }

    /** Conversions, revenue and the credit given out, summed over the rows (to a thousandth: sums in different orders). */
    private static String creditTotals(JsonNode result) {
        double conversions = 0;
        double revenue = 0;
        for (JsonNode row : result.get("rows")) {
            conversions += row.get("conversions").asDouble();
            revenue += row.get("revenue").asDouble();
        }
        return String.format(java.util.Locale.ROOT, "%d %.3f credit %.3f %.3f", result.get("conversions").asLong(),
                result.get("revenue").asDouble(), conversions, revenue);
    }

    /** The baseline: customer summaries in SQL, then the same BG/NBD fit on them. */
    private static String clvSql(io.waymark.store.DuckDbEventStore store, ClvSpec spec) {
        List<ClvSql.Customer> customers = ClvSql.run(store, spec);
        int n = customers.size();
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] bigT = new double[n];
        double[] weight = new double[n];
        double revenue = 0;
        for (int i = 0; i < n; i++) {
            x[i] = customers.get(i).x();
            tx[i] = customers.get(i).tx();
            bigT[i] = customers.get(i).bigT();
            weight[i] = 1;
            revenue += customers.get(i).revenue();
        }
        BgNbdModel m = BgNbdModel.fit(x, tx, bigT, weight).model();
        return clvSummary(n, revenue, m.r(), m.alpha(), m.a(), m.b());
    }

    private static String clvKernel(JsonNode result) {
        JsonNode p = result.get("params");
        return clvSummary(result.get("persons").asLong(), result.get("totals").get("historicalRevenue").asDouble(),
                p.get("r").asDouble(), p.get("alpha").asDouble(), p.get("a").asDouble(), p.get("b").asDouble());
    }

    /** Customers, revenue (to the cent) and the fitted parameters to 4 significant digits (optimizer tolerance). */
    private static String clvSummary(long persons, double revenue, double... params) {
        StringBuilder b = new StringBuilder(persons + " " + Math.round(revenue * 100));
        for (double v : params) {
            b.append(' ').append(new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString());
        }
        return b.toString();
    }

    /** Name → [value, previous] of the KPIs {@link KpisSql} computes, in both periods. */
    private static String kpisSql(io.waymark.store.DuckDbEventStore store, KpiSpec spec) {
        var sql = new KpisSql(store);
        var current = sql.run(spec, spec.from(), spec.to()).kpis();
        var previous = sql.run(spec, spec.previousFrom(), spec.from()).kpis();
        ObjectNode out = Json.MAPPER.createObjectNode();
        current.forEach((name, v) -> out.putArray(name).add(Json.MAPPER.valueToTree(v)).add(Json.MAPPER.valueToTree(previous.get(name))));
        return rounded(out);
    }

    private static String kpisKernel(JsonNode result) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        result.get("kpis").forEach(k -> byName.put(k.get("name").asText(), k));
        for (String name : List.of("visitors", "purchasers", "conversion_rate", "repeat_purchase_rate", "new_customers",
                "customer_retention_rate", "churn_rate", "orders", "revenue", "returns", "average_order_value", "nps", "csat")) {
            out.putArray(name).add(byName.get(name).get("value")).add(byName.get(name).get("previous"));
        }
        return rounded(out);
    }

    private static JsonNode withoutStats(JsonNode result) {
        ObjectNode copy = result.deepCopy();
        copy.remove("stats");
        return copy;
    }

    /** Averages summed in a different order differ in the last bits; compare to 12 significant digits. */
    private static String rounded(JsonNode node) {
        if (node.isObject()) {
            StringBuilder b = new StringBuilder("{");
            node.fields().forEachRemaining(f -> b.append(f.getKey()).append(':').append(rounded(f.getValue())).append(','));
            return b.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder b = new StringBuilder("[");
            node.forEach(n -> b.append(rounded(n)).append(','));
            return b.append(']').toString();
        }
        if (node.isFloatingPointNumber()) {
            return new BigDecimal(node.asDouble()).round(new MathContext(12)).stripTrailingZeros().toPlainString();
        }
        return node.toString();
    }
}
