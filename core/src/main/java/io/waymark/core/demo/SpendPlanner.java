package io.waymark.core.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Daily spend of every campaign the visits can carry. Budgets follow from the expected traffic,
 * so cost per acquisition stays plausible at any scale: expected first visits of a campaign times
 * its cost per acquisition, plus expected returning visits times its cost per visit, spread over
 * the window with a weekday rhythm, a pre-Christmas push and some day-to-day noise. The
 * newsletter costs a flat e-mail-service fee. Organic, referral and direct visits cost nothing
 * and have no rows.
 */
final class SpendPlanner {
    /** Rough number of returning visits per person in a window, for the per-visit budgets. */
    private static final double RETURN_VISITS_PER_PERSON = 5.0;
    private static final double NEWSLETTER_FIXED_PER_DAY = 4.0;
    private static final double NEWSLETTER_PER_PERSON_PER_DAY = 0.0004;
    /** The e-mail service's share for the cart-abandonment journey's sends. */
    private static final double TRIGGERED_EMAIL_PER_PERSON_PER_DAY = 0.0001;
    /** Spend noise has its own stream, so changing the person simulation does not change spend. */
    private static final long SPEND_SALT = 0x5350_454E_4400L;

    private SpendPlanner() {
    }

    static List<SpendRow> plan(DemoConfig config) {
        double[] acquisition = expectedAcquisitionShares();
        double[] returning = normalized(Source.RETURN_WEIGHTS);
        SplittableRandom r = new SplittableRandom(config.seed() ^ SPEND_SALT);
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(Window.of(config).start()), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(config.end().minusMillis(1), ZoneOffset.UTC);
        List<SpendRow> rows = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Source s : Source.values()) {
                if (s.campaign == null) {
                    continue;
                }
                double base = s == Source.NEWSLETTER ? NEWSLETTER_FIXED_PER_DAY + NEWSLETTER_PER_PERSON_PER_DAY * config.persons()
                        : s == Source.CART_REMINDER ? TRIGGERED_EMAIL_PER_PERSON_PER_DAY * config.persons()
                        : config.persons() * (acquisition[s.ordinal()] * s.costPerAcquisition
                                + returning[s.ordinal()] * RETURN_VISITS_PER_PERSON * s.costPerReturnVisit) / config.days();
                double noise = 1 + 0.12 * Math.max(-2.5, Math.min(2.5, Draw.gaussian(r)));
                double cost = Messages.money(base * rhythm(day) * noise);
                rows.add(new SpendRow(day, s.campaign.channel(), s.campaign.name(), cost, Messages.CURRENCY));
            }
        }
        return rows;
    }

    /** Share of people whose first visit comes from each source, over the persona mix. */
    static double[] expectedAcquisitionShares() {
        double[] shares = new double[Source.values().length];
        for (Persona persona : Persona.values()) {
            double[] w = normalized(persona.reach.acquisitionWeights());
            for (int i = 0; i < w.length; i++) {
                shares[i] += persona.share * w[i];
            }
        }
        return shares;
    }

    private static double rhythm(LocalDate day) {
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        boolean holidayPush = day.getMonthValue() == 11 && day.getDayOfMonth() >= 20
                || day.getMonthValue() == 12 && day.getDayOfMonth() <= 23;
        return (weekend ? 0.85 : 1.05) * (holidayPush ? 1.3 : 1.0);
    }

    private static double[] normalized(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] / total;
        }
        return out;
    }
}
