package io.waymark.core.demo;

import static io.waymark.core.demo.Messages.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one person's whole story. Visits form a renewal process: the gap to the next visit is
 * exponential around the persona's mean (scaled per person), and after every visit the person
 * stops coming back with a fixed probability, so activity lifetimes are geometric in visits. With
 * purchases a random subset of visits this is the "buy till you die" picture BG/NBD assumes
 * (Fader, Hardie and Lee 2005, "Counting your customers the easy way"). Gift buyers instead come
 * in bursts that are far more likely in the weeks before Christmas, Valentine's and Mother's Day.
 *
 * <p>Weekly newsletters go to people who opted in; a click starts a newsletter visit. Carts left in the last weeks get
 * the cart-abandonment journey's reminders ({@link CartReminders}).
 */
final class PersonSimulator {
    /** Visits are more than 30 minutes apart, so every visit is one session. */
    static final long MIN_VISIT_GAP = 31 * IsoTime.MINUTE;
    private static final String NEWSLETTER_SUBJECT = "This week's picks for you";

    private final long start;
    private final long end;
    private final long[] newsletters;
    private final SessionSimulator sessions;
    private final Aftercare aftercare;
    private final CartReminders reminders;

    PersonSimulator(DemoConfig config, Catalog catalog) {
        this.start = Window.of(config).start();
        this.end = Window.of(config).end();
        this.newsletters = newsletterSchedule(start, end);
        this.aftercare = new Aftercare(catalog);
        this.reminders = new CartReminders(end);
        this.sessions = new SessionSimulator(catalog, aftercare, reminders, end);
    }

    /** Simulates person {@code index}; the messages are in writing order and may reach past the window. */
    List<PendingEvent> simulate(int index, SplittableRandom rng) {
        Person p = new Person(index, rng);
        long next = arrival(p);
        Source source = Source.values()[Draw.weighted(rng, p.persona.reach.acquisitionWeights())];
        long lastEnd = Long.MIN_VALUE / 4;
        int issue = 0;
        while (true) {
            while (issue < newsletters.length && newsletters[issue] < Math.min(next, end)) {
                long clickEnd = newsletter(p, issue++, lastEnd, next);
                if (clickEnd != Long.MIN_VALUE) {
                    lastEnd = clickEnd;
                    if (next < clickEnd + MIN_VISIT_GAP) {
                        next = nextVisit(p, clickEnd);
                    }
                }
            }
            long clickEnd = reminders.run(p, next, this::visit);
            if (clickEnd != Long.MIN_VALUE) {
                lastEnd = clickEnd;
                if (next < clickEnd + MIN_VISIT_GAP) {
                    next = nextVisit(p, clickEnd);
                }
            }
            if (next >= end) {
                return p.events();
            }
            lastEnd = visit(p, next, source);
            source = Source.values()[Draw.weighted(rng, Source.RETURN_WEIGHTS)];
            if (churns(p, lastEnd)) {
                p.churned = true;
                next = end;
            } else {
                next = nextVisit(p, lastEnd);
            }
        }
    }

    private long visit(Person p, long at, Source source) {
        long visitEnd;
        if (p.storeShopper && p.identified() && Draw.chance(p.rng, 0.25)) {
            visitEnd = aftercare.storeVisit(p, at);
        } else {
            visitEnd = sessions.visit(p, pickDevice(p), source, at);
        }
        if (p.identified() && Draw.chance(p.rng, 0.01)) {
            // the odd question that has nothing to do with an order
            aftercare.supportTicket(p, visitEnd + Draw.between(p.rng, IsoTime.HOUR, 2 * IsoTime.DAY),
                    Draw.oneOf(p.rng, "account", "payment", "product_question"), Draw.oneOf(p.rng, "low", "normal"), null);
        }
        return visitEnd;
    }

    /** A bad recent experience makes leaving more likely. */
    private static boolean churns(Person p, long at) {
        double extra = p.moodAt(at).penalty() > 0 ? 0.05 : 0;
        return Draw.chance(p.rng, p.churnPerVisit + extra);
    }

    /** Mostly the persona's favourite kind of device; someone who gave up on the phone prefers a big screen to finish. */
    private static int pickDevice(Person p) {
        int n = p.devices.length;
        if (n == 1) {
            return 0;
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            DeviceKind kind = p.devices[i].kind();
            weights[i] = p.persona.reach.deviceWeights()[kind.ordinal()] + (i == 0 ? 0.3 : 0.05);
            if (p.savedCart != null && !kind.mobile()) {
                weights[i] *= 4;
            }
        }
        return Draw.weighted(p.rng, weights);
    }

    /** First visit: uniform over the window, at an hour typical of the persona. */
    private long arrival(Person p) {
        long raw = start + (long) (p.rng.nextDouble() * (end - start));
        long t = atPersonaHour(p, raw);
        if (t >= end) {
            t = atPersonaHour(p, raw - IsoTime.DAY);
        }
        return t < start || t >= end ? raw : t;
    }

    private long nextVisit(Person p, long previousEnd) {
        double gapDays = p.persona.visits.bursty()
                ? burstGapDays(p, previousEnd)
                : Draw.exponential(p.rng, p.persona.visits.meanGapDays() * p.gapMultiplier);
        if (previousEnd + gapDays * IsoTime.DAY >= end + IsoTime.DAY) {
            return end;
        }
        long t = atPersonaHour(p, previousEnd + (long) (gapDays * IsoTime.DAY));
        while (t < previousEnd + MIN_VISIT_GAP) {
            t = atPersonaHour(p, t + IsoTime.DAY);
        }
        return t;
    }

    /**
     * Within a burst visits are about a day apart; between bursts each day starts a new burst with
     * probability seasonFactor / meanGapDays.
     */
    private double burstGapDays(Person p, long previousEnd) {
        SplittableRandom r = p.rng;
        if (p.burstLeft > 0) {
            p.burstLeft--;
            return Draw.exponential(r, 0.8);
        }
        LocalDate day = Instant.ofEpochMilli(previousEnd).atZone(p.city.zone()).toLocalDate();
        LocalDate last = Instant.ofEpochMilli(end).atZone(p.city.zone()).toLocalDate();
        for (int days = 1; !day.isAfter(last); days++) {
            day = day.plusDays(1);
            if (Draw.chance(r, giftSeason(day) / p.persona.visits.meanGapDays())) {
                p.burstLeft = 1 + r.nextInt(3);
                return days - 0.5 + r.nextDouble();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** How much more likely a gift-shopping burst is on this day. */
    private static double giftSeason(LocalDate day) {
        int month = day.getMonthValue();
        int dom = day.getDayOfMonth();
        if (month == 11 && dom >= 15 || month == 12 && dom <= 23) {
            return 8;
        }
        if (month == 2 && dom <= 13) {
            return 4;
        }
        return month == 5 && dom <= 12 ? 3 : 1;
    }

    /** A time on the local day of {@code around} at an hour drawn from the persona's daily rhythm. */
    private static long atPersonaHour(Person p, long around) {
        SplittableRandom r = p.rng;
        LocalDate day = Instant.ofEpochMilli(around).atZone(p.city.zone()).toLocalDate();
        if (p.persona.visits.weekdaysOnly()) {
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
        }
        int hour = Draw.weighted(r, p.persona.visits.hourWeights());
        return day.atTime(hour, r.nextInt(60), r.nextInt(60)).atZone(p.city.zone()).toInstant().toEpochMilli()
                + r.nextInt(1000);
    }

    /**
     * Sends newsletter {@code issue} if the person is subscribed by then. Opens and clicks follow;
     * churned people still receive it but rarely open and never click through. Returns the end
     * of the visit a click started, or {@link Long#MIN_VALUE} when there was none.
     */
    private long newsletter(Person p, int issue, long lastVisitEnd, long nextVisit) {
        long send = newsletters[issue];
        if (!p.newsletterOptIn || p.signedUpAt >= send) {
            return Long.MIN_VALUE;
        }
        SplittableRandom r = p.rng;
        String emailId = "nl-" + IsoTime.format(send).substring(0, 10);
        long sent = send + r.nextLong(20 * IsoTime.MINUTE);
        email(p, sent, "email_sent", emailId);
        double open = p.persona.reach.emailOpen() * (p.churned ? 0.15 : 1);
        if (!Draw.chance(r, open)) {
            return Long.MIN_VALUE;
        }
        long opened = sent + IsoTime.MINUTE + (long) Draw.exponential(r, 4 * IsoTime.HOUR);
        email(p, opened, "email_open", emailId);
        if (p.churned || !Draw.chance(r, p.persona.reach.emailClick())) {
            return Long.MIN_VALUE;
        }
        long clicked = opened + 5 * IsoTime.SECOND + (long) Draw.exponential(r, 40 * IsoTime.SECOND);
        email(p, clicked, "email_click", emailId);
        // already on the site, or about to come anyway: the click does not start a visit of its own
        if (clicked < lastVisitEnd + MIN_VISIT_GAP || clicked > nextVisit - 2 * MIN_VISIT_GAP) {
            return Long.MIN_VALUE;
        }
        return visit(p, clicked + Draw.between(r, 2 * IsoTime.SECOND, 8 * IsoTime.SECOND), Source.NEWSLETTER);
    }

    private static void email(Person p, long at, String event, String emailId) {
        Campaign c = Source.NEWSLETTER.campaign;
        ObjectNode props = JSON.objectNode().put("campaign", c.name()).put("emailId", emailId)
                .put("subject", NEWSLETTER_SUBJECT);
        ObjectNode context = Messages.serverContext(p, "email", "waymark-email");
        context.set("campaign", Messages.campaign(c));
        p.emit(at, Messages.track(event, null, p.userId, props, context));
    }

    /** Thursdays 08:00 UTC within the window. */
    private static long[] newsletterSchedule(long start, long end) {
        List<Long> sends = new ArrayList<>();
        LocalDate day = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).toLocalDate();
        while (day.getDayOfWeek() != DayOfWeek.THURSDAY) {
            day = day.plusDays(1);
        }
        for (;; day = day.plusWeeks(1)) {
            long send = day.atTime(8, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            if (send >= end) {
                break;
            }
            if (send >= start) {
                sends.add(send);
            }
        }
        return sends.stream().mapToLong(Long::longValue).toArray();
    }
}
