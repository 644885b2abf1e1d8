package io.waymark.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.SegmentRef;
import io.waymark.core.query.SpecReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An experiment: {@code {"key":"checkout_shipping","name":"…","variants":[{"key":"control","weight":1},{"key":"fast",
 * "weight":1}],"traffic":1.0,"segment":"mobile_users","metric":{…},"guardrails":[{…}],"alpha":0.05}}. The first
 * variant is the control. Persons outside the targeting segment or the traffic share get no variant.
 */
public record Experiment(String key, String name, List<Variant> variants, double traffic, String segment, Metric metric,
        List<Metric> guardrails, double alpha) {
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final int MAX_VARIANTS = 10;
    public static final int MAX_GUARDRAILS = 10;

    public Experiment {
        variants = List.copyOf(variants);
        guardrails = List.copyOf(guardrails);
    }

    public Variant control() {
        return variants.get(0);
    }

    public static Experiment parse(JsonNode body) {
        SpecReader r = new SpecReader(body, "");
        r.allowOnly(false, "key", "name", "variants", "traffic", "segment", "metric", "guardrails", "alpha");
        String key = key(r.string("key"), "key");
        List<Variant> variants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SpecReader v : r.objects("variants")) {
            v.allowOnly(false, "key", "weight");
            String vk = key(v.string("key"), v.name("key"));
            if (!seen.add(vk)) {
                throw WaymarkException.invalid(v.name("key"), "variant '" + vk + "' is listed twice");
            }
            double weight = number(v, "weight", 1, 0, 1e6);
            if (weight <= 0) {
                throw WaymarkException.invalid(v.name("weight"), "'" + v.name("weight") + "' must be positive");
            }
            variants.add(new Variant(vk, weight));
        }
        if (variants.size() < 2 || variants.size() > MAX_VARIANTS) {
            throw WaymarkException.invalid("variants", "'variants' must list from 2 to " + MAX_VARIANTS + " variants, the control first");
        }
        double traffic = number(r, "traffic", 1, 0, 1);
        if (traffic <= 0) {
            throw WaymarkException.invalid("traffic", "'traffic' must be more than 0 and at most 1");
        }
        String segment = r.optionalString("segment", null);
        if (segment != null) {
            SegmentRef.id(segment, "segment");
        }
        SpecReader metric = r.object("metric");
        if (metric == null) {
            throw WaymarkException.missing("metric");
        }
        List<Metric> guardrails = new ArrayList<>();
        for (SpecReader g : r.objects("guardrails")) {
            guardrails.add(Metric.parse(g));
        }
        if (guardrails.size() > MAX_GUARDRAILS) {
            throw WaymarkException.invalid("guardrails", "at most " + MAX_GUARDRAILS + " guardrails");
        }
        double alpha = number(r, "alpha", 0.05, 0.0001, 0.5);
        return new Experiment(key, r.optionalString("name", key), variants, traffic, segment, Metric.parse(metric), guardrails, alpha);
    }

    /** Checks an experiment or variant key: 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit. */
    public static String key(String s, String field) {
        if (!KEY.matcher(s).matches()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return s;
    }

    private static double number(SpecReader r, String field, double fallback, double min, double max) {
        JsonNode v = r.node().get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw WaymarkException.invalid(r.name(field), "'" + r.name(field) + "' must be a number from " + min + " to " + max);
        }
        return v.asDouble();
    }
}
