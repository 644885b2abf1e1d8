package io.waymark.core.kernel;

import io.waymark.core.query.PersonasSpec.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One behavioural feature of a person, with the words a marketer reads when a persona sits far above ({@code high})
 * or below ({@code low}, null when absence says nothing) the average on it. {@code logScale} features are heavy-tailed
 * counts and amounts (orders, revenue, visits): they are compared on a log scale, see {@link PersonaClustering}.
 */
record PersonaFeature(String name, Group group, boolean logScale, String high, String low) {
    /** Channels whose share of visits is a feature: where a person comes from; support, survey and other are aftercare. */
    static final List<String> CHANNELS = List.of("web", "app", "email", "social", "ads", "store");
    /** Local hours [from, to) of the day parts a visit can start in. */
    static final int[][] DAY_PARTS = {{0, 6}, {6, 12}, {12, 18}, {18, 24}};
    /** At most this many categories, the most viewed, become features; the rest would be noise for k-means. */
    static final int MAX_CATEGORIES = 12;

    private static PersonaFeature linear(String name, Group group, String high, String low) {
        return new PersonaFeature(name, group, false, high, low);
    }

    private static PersonaFeature logged(String name, Group group, String high, String low) {
        return new PersonaFeature(name, group, true, high, low);
    }

    /** The features of {@code groups} in a fixed order ({@link PersonaFeaturesKernel} fills them in this order). */
    static List<PersonaFeature> of(Set<Group> groups, List<String> categories) {
        List<PersonaFeature> out = new ArrayList<>();
        if (groups.contains(Group.CHANNELS)) {
            String[] words = {"web", "app", "e-mail", "social media", "ad clicks", "in-store"};
            for (int c = 0; c < CHANNELS.size(); c++) {
                out.add(linear("channel_" + CHANNELS.get(c), Group.CHANNELS, words[c], null));
            }
        }
        if (groups.contains(Group.DEVICES)) {
            out.add(linear("device_mobile", Group.DEVICES, "mobile", "desktop"));
        }
        if (groups.contains(Group.TIME)) {
            out.add(linear("time_night", Group.TIME, "night owls", null));
            out.add(linear("time_morning", Group.TIME, "mornings", null));
            out.add(linear("time_afternoon", Group.TIME, "afternoons", null));
            out.add(linear("time_evening", Group.TIME, "evening", null));
            out.add(linear("time_weekend", Group.TIME, "weekends", "weekdays"));
        }
        if (groups.contains(Group.RFM)) {
            out.add(linear("recency_days", Group.RFM, "lapsed", "recently active"));
            out.add(logged("orders", Group.RFM, "frequent buyers", "rarely buy"));
            out.add(logged("revenue", Group.RFM, "high spenders", "low spend"));
            out.add(logged("order_value", Group.RFM, "big baskets", "small baskets"));
        }
        if (groups.contains(Group.CATEGORIES)) {
            for (String c : categories) {
                out.add(linear("category_" + c, Group.CATEGORIES, c, null));
            }
        }
        if (groups.contains(Group.DISCOUNTS)) {
            out.add(linear("discount_orders", Group.DISCOUNTS, "discount-driven", "pays full price"));
            out.add(logged("price_viewed", Group.DISCOUNTS, "premium products", "cheap products"));
        }
        if (groups.contains(Group.SESSIONS)) {
            out.add(logged("visits", Group.SESSIONS, "frequent visitors", "occasional visitors"));
            out.add(linear("pages_per_visit", Group.SESSIONS, "deep browsing", "shallow visits"));
            out.add(logged("visit_minutes", Group.SESSIONS, "long visits", "quick visits"));
        }
        if (groups.contains(Group.CART)) {
            out.add(linear("cart_abandonment", Group.CART, "high cart abandonment", "completes carts"));
            out.add(linear("carts_per_visit", Group.CART, "fills carts", "rarely adds to cart"));
        }
        return List.copyOf(out);
    }
}
