package io.waymark.core.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The planted behaviour types. A person's persona is written only as the identify trait
 * {@code plantedPersona}: it is the ground truth a behavioural clustering is scored against, so no
 * other field may give it away. The numbers make personas clearly separable in device, hour of
 * day, basket, frequency and churn; they are plausible, not calibrated to a real shop.
 *
 * <p>Arrays are indexed by {@link DeviceKind}, {@link Source}, {@link Catalog#CATEGORIES} and hour of day.
 */
enum Persona {
    BARGAIN_HUNTER("bargain_hunter", 0.30,
            // evenings on the phone, short lifetime
            new Visits(6.0, 0.28, hours(2, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 2, 4, 8, 10, 10, 8, 5), false, false),
            // many views, fills carts and leaves them, cheap items, coupons
            new Shopping(2.2, 0.25, 0.18, 0.25, 0.70, 2, 1, 2, PricePreference.CHEAP,
                    new double[] {1, 2, 3, 2, 1.5, 1, 1, 1.5, 0.3, 1}),
            new Reach(new double[] {0.10, 0.60, 0.05, 0.25}, 2,
                    new double[] {0.05, 0.15, 0.05, 0.03, 0.12, 0.15, 0, 0.20, 0.25, 0}, 0.5, 0.25, 0.20, 0.10),
            new Loyalty(0.60, 7.0, 0.15, 0.12, 0.01)),
    LOYAL_REGULAR("loyal_regular", 0.20,
            // commute, lunch and evening on the app, long lifetime
            new Visits(5.5, 0.07, hours(0, 0, 0, 0, 0, 0, 2, 6, 6, 2, 2, 2, 5, 4, 2, 2, 2, 3, 4, 6, 7, 6, 3, 1), false, false),
            new Shopping(1.5, 0.15, 0.50, 0.85, 0.10, 2, 1, 1, PricePreference.ANY,
                    new double[] {1, 1.5, 1.5, 2, 1.5, 0.5, 2, 2, 0.5, 1}),
            new Reach(new double[] {0.25, 0.15, 0.05, 0.55}, 3,
                    new double[] {0.15, 0.25, 0.15, 0.15, 0.12, 0.05, 0, 0.08, 0.05, 0}, 0.85, 0.50, 0.30, 0.45),
            new Loyalty(0.98, 9.0, 0.06, 0.40, 0.12)),
    WINDOW_SHOPPER("window_shopper", 0.30,
            // frequent browsing all day, hardly ever buys
            new Visits(4.0, 0.22, hours(1, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 4, 5, 5, 4, 4, 4, 5, 5, 6, 6, 6, 4, 2), false, false),
            new Shopping(2.5, 0.20, 0.05, 0.15, 0.10, 1, 1, 1, PricePreference.ANY,
                    new double[] {2, 1.5, 3, 1, 1, 0.5, 1, 1, 0.3, 0.5}),
            new Reach(new double[] {0.35, 0.35, 0.15, 0.15}, 3,
                    new double[] {0.10, 0.25, 0.10, 0.05, 0.15, 0.10, 0, 0.15, 0.10, 0}, 0.4, 0.20, 0.10, 0.10),
            new Loyalty(0.45, 7.5, 0.10, 0.10, 0.01)),
    GIFT_BUYER("gift_buyer", 0.12,
            // bursts around gift seasons, desktop, expensive baskets
            new Visits(40.0, 0.10, hours(0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 2, 2, 3, 4, 6, 8, 8, 6, 3, 1), false, true),
            new Shopping(2.0, 0.25, 0.35, 0.75, 0.05, 3, 1, 1, PricePreference.PREMIUM,
                    new double[] {2, 1, 1, 2.5, 0.8, 2.5, 1.5, 1, 0.1, 0.5}),
            new Reach(new double[] {0.70, 0.15, 0.10, 0.05}, 2,
                    new double[] {0.10, 0.20, 0.10, 0.10, 0.30, 0.05, 0, 0.10, 0.05, 0}, 0.4, 0.20, 0.15, 0.30),
            new Loyalty(0.70, 8.0, 0.12, 0.20, 0.03)),
    B2B_BULK("b2b_bulk", 0.08,
            // weekday office hours on desktop, few large orders of office supplies
            new Visits(20.0, 0.08, hours(0, 0, 0, 0, 0, 0, 0, 1, 5, 9, 9, 8, 4, 6, 8, 8, 6, 3, 1, 0, 0, 0, 0, 0), true, false),
            new Shopping(1.8, 0.40, 0.35, 0.85, 0.0, 3, 10, 60, PricePreference.ANY,
                    new double[] {1.5, 0.3, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 6, 0.2}),
            new Reach(new double[] {0.92, 0.05, 0.03, 0.0}, 2,
                    new double[] {0.15, 0.35, 0.15, 0.10, 0.25, 0, 0, 0, 0, 0}, 0.3, 0.15, 0.10, 0.05),
            new Loyalty(0.95, 8.0, 0.04, 0.10, 0.02));

    /** How often and when a person visits, and how likely each visit is their last. */
    record Visits(double meanGapDays, double churnPerVisit, double[] hourWeights, boolean weekdaysOnly, boolean bursty) {
    }

    /** Browsing and buying within a visit. */
    record Shopping(double meanProductViews, double searchPerView, double cartPerView, double checkoutGivenCart,
            double couponProbability, int maxItems, int minQuantity, int maxQuantity, PricePreference price,
            double[] categoryWeights) {
    }

    /** Devices, acquisition sources, e-mail engagement and store visits. */
    record Reach(double[] deviceWeights, int maxDevices, double[] acquisitionWeights, double newsletterOptIn,
            double emailOpen, double emailClick, double storeShopper) {
    }

    /** Identification, satisfaction and after-purchase behaviour. */
    record Loyalty(double identifyProbability, double npsBase, double returnProbability, double reviewProbability,
            double referralProbability) {
    }

    private static final double[] SHARES = Arrays.stream(values()).mapToDouble(p -> p.share).toArray();

    final String wireName;
    final double share;
    final Visits visits;
    final Shopping shopping;
    final Reach reach;
    final Loyalty loyalty;

    Persona(String wireName, double share, Visits visits, Shopping shopping, Reach reach, Loyalty loyalty) {
        this.wireName = wireName;
        this.share = share;
        this.visits = visits;
        this.shopping = shopping;
        this.reach = reach;
        this.loyalty = loyalty;
    }

    static Persona pick(SplittableRandom r) {
        return values()[Draw.weighted(r, SHARES)];
    }

    private static double[] hours(double... weights) {
        if (weights.length != 24) {
            throw new IllegalStateException("24 hourly weights expected");
        }
        return weights;
    }
}
