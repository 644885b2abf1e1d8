package io.waymark.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code {"kind":"personas","k":"auto","features":["devices","time","rfm",…]}}: personas, groups of persons who behave
 * alike, found by k-means on one behavioural feature vector per person in scope (see
 * {@code io.waymark.core.kernel.PersonaFeaturesKernel} for every feature and {@code PersonaClustering} for the fit).
 * {@code k} is the number of personas, 2 to 20, or {@code "auto"} (the default): the k of 2 to 8 with the highest mean
 * silhouette. {@code features} picks feature groups (default: all). Traits and identify calls are never features, so a
 * person's declared attributes cannot leak into what their behaviour says about them.
 */
public record PersonasSpec(Scope scope, Integer k, Set<Group> features) implements QuerySpec, AnalysisSpec {
    public static final int MIN_K = 2;
    public static final int MAX_K = 20;
    /** The range {@code "auto"} searches: beyond 8 personas a marketer no longer tells them apart. */
    public static final int MAX_AUTO_K = 8;
    public static final FieldPath DEVICE_TYPE = new FieldPath(FieldPath.Root.CONTEXT, List.of("device", "type"));
    public static final FieldPath CATEGORY = new FieldPath(FieldPath.Root.PROPERTIES, List.of("category"));
    public static final FieldPath COUPON = new FieldPath(FieldPath.Root.PROPERTIES, List.of("coupon"));
    public static final FieldPath PRICE = new FieldPath(FieldPath.Root.PROPERTIES, List.of("price"));

    /** Feature groups, by their wire names (channels, devices, time, rfm, categories, discounts, sessions, cart). */
    public enum Group { CHANNELS, DEVICES, TIME, RFM, CATEGORIES, DISCOUNTS, SESSIONS, CART }

    public PersonasSpec {
        features = features.isEmpty() ? EnumSet.allOf(Group.class) : EnumSet.copyOf(features);
    }

    @Override
    public String kind() {
        return "personas";
    }

    /** True when {@code k} is chosen by silhouette. */
    public boolean autoK() {
        return k == null;
    }

    @Override
    public Set<FieldPath> fields() {
        // the campaign source cuts visits (see SessionsSpec); the default stage rules' fields are added by Analyses and Personas
        return Set.of(FieldPath.CAMPAIGN_SOURCE, DEVICE_TYPE, CATEGORY, COUPON, PRICE);
    }

    static PersonasSpec parse(SpecReader r) {
        r.allowOnly(true, "k", "features");
        return new PersonasSpec(r.scope(), k(r), groups(r));
    }

    private static Integer k(SpecReader r) {
        JsonNode v = r.node().get("k");
        if (v == null || v.isNull() || (v.isTextual() && v.asText().equals("auto"))) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < MIN_K || v.asInt() > MAX_K) {
            throw WaymarkException.invalid(r.name("k"), "'" + r.name("k") + "' must be \"auto\" or an integer from " + MIN_K + " to " + MAX_K);
        }
        return v.asInt();
    }

    private static Set<Group> groups(SpecReader r) {
        JsonNode v = r.node().get("features");
        if (v == null || v.isNull()) {
            return Set.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw WaymarkException.invalid(r.name("features"), "'" + r.name("features") + "' must be a non-empty array of feature groups");
        }
        Set<Group> out = EnumSet.noneOf(Group.class);
        for (int i = 0; i < v.size(); i++) {
            String field = r.name("features") + "[" + i + "]";
            Group g = null;
            for (Group candidate : Group.values()) {
                if (v.get(i).isTextual() && SpecReader.wire(candidate).equals(v.get(i).asText())) {
                    g = candidate;
                }
            }
            if (g == null) {
                List<String> names = new ArrayList<>();
                for (Group candidate : Group.values()) {
                    names.add(SpecReader.wire(candidate));
                }
                throw WaymarkException.invalid(field, "'" + field + "' must be one of " + String.join(", ", names) + ", not " + v.get(i));
            }
            out.add(g);
        }
        return out;
    }
}
