package io.waymark.core.demo;

import static io.waymark.core.demo.Messages.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays the demo's cart-abandonment journey ({@link DemoJourney}) for one person between two of their visits. Open and
 * click rates are those reported for abandoned-cart e-mails (about 40% opened, a fifth of the openers click); a click
 * brings the person back to their cart, which they finish more often than a cart they come back to by themselves.
 */
final class CartReminders {
    /** A cart left in a visit that ended without an order. */
    record AbandonedCart(long at, List<Order.Line> cart, int ordersBefore) {
    }

    /** Starts the visit a click leads to and returns its end. */
    interface Visitor {
        long visit(Person p, long at, Source source);
    }

    static final double OPEN = 0.40;
    static final double CLICK_GIVEN_OPEN = 0.22;
    private static final String[][] STEPS = {
        {"reminder", "You left something in your cart"},
        {"reminder_offer", "Still thinking? 10% off your cart"}};

    private final long journeyStart;
    private final long end;

    CartReminders(long end) {
        this.journeyStart = end - DemoJourney.DAYS * IsoTime.DAY;
        this.end = end;
    }

    /** Whether a cart left at {@code at} enters the journey. */
    boolean enters(Person p, long at) {
        return p.identified() && at >= journeyStart && at < end;
    }

    /**
     * Sends what is due for the person's abandoned cart before their next visit at {@code nextVisit}. A person who comes
     * back within the hour leaves the journey (that visit may abandon a cart again). Returns the end of the visit a click
     * started, or {@link Long#MIN_VALUE}.
     */
    long run(Person p, long nextVisit, Visitor visitor) {
        AbandonedCart a = p.abandonedCart;
        p.abandonedCart = null;
        long due = a == null ? Long.MAX_VALUE : a.at() + IsoTime.HOUR;
        if (due >= nextVisit || due >= end || p.orderCount() > a.ordersBefore()) {
            return Long.MIN_VALUE;
        }
        String variant = DemoJourney.variant(p.userId);
        p.emit(due, Messages.track(SessionSimulator.EXPOSURE, null, p.userId,
                JSON.objectNode().put("experiment", DemoJourney.EXPERIMENT_KEY).put("variant", variant),
                Messages.serverContext(p, "email", "waymark-journeys")));
        if (!DemoJourney.EMAIL.equals(variant)) {
            return Long.MIN_VALUE;
        }
        SplittableRandom r = p.rng;
        for (int step = 0; step < STEPS.length; step++) {
            long sent = due + step * IsoTime.DAY + r.nextLong(IsoTime.MINUTE);
            if (sent >= nextVisit || sent >= end) {
                return Long.MIN_VALUE;
            }
            email(p, sent, "email_sent", step);
            if (!Draw.chance(r, OPEN)) {
                continue;
            }
            long opened = sent + IsoTime.MINUTE + (long) Draw.exponential(r, 2 * IsoTime.HOUR);
            email(p, opened, "email_open", step);
            if (!Draw.chance(r, CLICK_GIVEN_OPEN)) {
                continue;
            }
            long clicked = opened + 5 * IsoTime.SECOND + (long) Draw.exponential(r, 30 * IsoTime.SECOND);
            if (clicked >= nextVisit - 2 * PersonSimulator.MIN_VISIT_GAP || clicked >= end) {
                return Long.MIN_VALUE;
            }
            email(p, clicked, "email_click", step);
            p.savedCart = a.cart();
            p.reminderCoupon = step == 1 ? DemoJourney.OFFER_COUPON : null;
            return visitor.visit(p, clicked + Draw.between(r, 2 * IsoTime.SECOND, 8 * IsoTime.SECOND), Source.CART_REMINDER);
        }
        return Long.MIN_VALUE;
    }

    private static void email(Person p, long at, String event, int step) {
        Campaign c = Source.CART_REMINDER.campaign;
        ObjectNode props = JSON.objectNode().put("campaign", c.name()).put("emailId", DemoJourney.JOURNEY_KEY + "-" + STEPS[step][0])
                .put("subject", STEPS[step][1]).put("journey", DemoJourney.JOURNEY_KEY).put("step", STEPS[step][0]);
        ObjectNode context = Messages.serverContext(p, "email", "waymark-journeys");
        context.set("campaign", Messages.campaign(c));
        p.emit(at, Messages.track(event, null, p.userId, props, context));
    }
}
