package io.waymark.core.demo;

import static io.waymark.core.demo.Messages.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Touchpoints outside the web and app: delivery and returns (fulfilment system), support tickets
 * (help desk), surveys (survey tool) and in-store purchases (point of sale). Each is sent by a
 * back-office library with an explicit {@code context.channel}. Bad experiences are remembered by
 * the person and lower the scores of later answers.
 */
final class Aftercare {
    private static final String FULFILMENT = "waymark-fulfilment";
    private static final String HELP_DESK = "zendesk";
    private static final String SURVEY_TOOL = "typeform";
    private static final String POINT_OF_SALE = "waymark-pos";
    private static final double LATE_DELIVERY = 0.10;

    private final Catalog catalog;

    Aftercare(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Schedules what follows an online order: delivery, perhaps a late parcel, a return, a review, a survey. */
    void onlineOrder(Person p, Order order) {
        SplittableRandom r = p.rng;
        long expected = businessHours(p, order.time() + (1 + r.nextInt(3)) * IsoTime.DAY);
        boolean late = Draw.chance(r, LATE_DELIVERY);
        long delivered = late ? businessHours(p, expected + (3 + r.nextInt(5)) * IsoTime.DAY) : expected;
        long daysLate = (delivered - expected + IsoTime.DAY / 2) / IsoTime.DAY;
        backOffice(p, delivered, "delivery", "other", FULFILMENT, JSON.objectNode()
                .put("orderId", order.orderId()).put("status", "delivered")
                .put("carrier", Draw.oneOf(r, "DHL", "DPD", "GLS", "UPS")).put("daysLate", daysLate));
        if (late) {
            long noticed = expected + IsoTime.DAY;
            p.remember(noticed, Experience.LATE_DELIVERY);
            if (Draw.chance(r, 0.45)) {
                supportTicket(p, noticed + Draw.between(r, IsoTime.HOUR, 8 * IsoTime.HOUR), "delivery", "high", order.orderId());
            }
        }
        if (Draw.chance(r, p.persona.loyalty.returnProbability() + (late ? 0.10 : 0))) {
            returnOrder(p, order, delivered + (2 + r.nextInt(10)) * IsoTime.DAY + r.nextInt((int) (8 * IsoTime.HOUR)), late);
        }
        if (p.identified() && Draw.chance(r, p.persona.loyalty.reviewProbability())) {
            p.reviews.add(new Person.PendingReview(order.orderId(), order.lines().get(0).product(), delivered));
        }
        if (Draw.chance(r, 0.30)) {
            long at = delivered + (2 + r.nextInt(5)) * IsoTime.DAY + r.nextInt((int) (10 * IsoTime.HOUR));
            survey(p, at, "nps", "post_purchase", order.orderId(), p.backOfficeAnonymousId(), p.userId);
        }
    }

    /** Refunds the whole order or one line; {@code revenue} is negative so summing revenue nets it out. */
    private void returnOrder(Person p, Order order, long at, boolean late) {
        SplittableRandom r = p.rng;
        double share = 1.0;
        if (order.lines().size() > 1 && Draw.chance(r, 0.5)) {
            Order.Line line = order.lines().get(r.nextInt(order.lines().size()));
            double subtotal = 0;
            for (Order.Line l : order.lines()) {
                subtotal += l.amount();
            }
            share = line.amount() / subtotal;
        }
        String reason = late ? "arrived_too_late"
                : Draw.oneOf(r, "wrong_size", "damaged", "not_as_described", "changed_mind");
        backOffice(p, at, "return", "other", FULFILMENT, JSON.objectNode()
                .put("orderId", order.orderId()).put("revenue", -Messages.money(order.revenue() * share))
                .put("currency", Messages.CURRENCY).put("reason", reason));
        p.remember(at, Experience.RETURN);
        if (Draw.chance(r, 0.2)) {
            supportTicket(p, at + Draw.between(r, IsoTime.HOUR, 48 * IsoTime.HOUR), "return", "normal", order.orderId());
        }
    }

    void supportTicket(Person p, long at, String topic, String priority, String orderId) {
        SplittableRandom r = p.rng;
        ObjectNode props = JSON.objectNode().put("ticketId", p.nextTicketId()).put("topic", topic).put("priority", priority)
                .put("comment", Feedback.ticketComment(topic));
        if (orderId != null) {
            props.put("orderId", orderId);
        }
        backOffice(p, at, "support_ticket", "support", HELP_DESK, props);
        p.remember(at, Experience.SUPPORT_TICKET);
        if (Draw.chance(r, 0.4)) {
            survey(p, at + Draw.between(r, IsoTime.DAY, 3 * IsoTime.DAY), "csat", "support_ticket", orderId,
                    p.backOfficeAnonymousId(), p.userId);
        }
    }

    /** The survey shown to some people who leave checkout, on the device they left it on. */
    void exitSurvey(Person p, long at, String anonymousId, String userId) {
        survey(p, at, "nps", "checkout_exit", null, anonymousId, userId);
    }

    private void survey(Person p, long at, String kind, String trigger, String orderId, String anonymousId, String userId) {
        SplittableRandom r = p.rng;
        Feedback.Mood mood = p.moodAt(at);
        boolean nps = kind.equals("nps");
        int score = nps ? Feedback.nps(p.persona, mood, r) : Feedback.csat(mood, r);
        String comment = nps ? Feedback.npsComment(score, mood, r) : Feedback.csatComment(score, mood, r);
        ObjectNode props = JSON.objectNode().put("survey", kind).put("surveyId", kind + "-" + trigger)
                .put("score", score).put("comment", comment).put("trigger", trigger);
        if (orderId != null) {
            props.put("orderId", orderId);
        }
        p.emit(at, Messages.track("survey_response", anonymousId, userId, props,
                Messages.serverContext(p, "survey", SURVEY_TOOL)));
    }

    /**
     * A purchase at the till, identified by the loyalty card (so only for known people). Returns
     * when the person leaves the store.
     */
    long storeVisit(Person p, long around) {
        SplittableRandom r = p.rng;
        long at = openingHours(p, around);
        Persona.Shopping shopping = p.persona.shopping;
        int items = 1 + r.nextInt(shopping.maxItems());
        List<Order.Line> lines = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < items; i++) {
            Product product = catalog.pick(r, Draw.weighted(r, shopping.categoryWeights()), shopping.price());
            int quantity = shopping.minQuantity() + r.nextInt(shopping.maxQuantity() - shopping.minQuantity() + 1);
            lines.add(new Order.Line(product, quantity));
            total += product.price() * quantity;
        }
        ObjectNode props = JSON.objectNode().put("orderId", p.nextOrderId()).put("revenue", Messages.money(total))
                .put("currency", Messages.CURRENCY);
        props.set("products", Messages.products(lines));
        props.put("storeId", p.city.storeId()).put("paymentMethod", Draw.oneOf(r, "card", "card", "cash"));
        p.emit(at, Messages.track("purchase", null, p.userId, props, Messages.serverContext(p, "store", POINT_OF_SALE)));
        return at + Draw.between(r, 2 * IsoTime.MINUTE, 10 * IsoTime.MINUTE);
    }

    private void backOffice(Person p, long at, String event, String channel, String library, ObjectNode props) {
        p.emit(at, Messages.track(event, p.backOfficeAnonymousId(), p.userId, props, Messages.serverContext(p, channel, library)));
    }

    /** Parcels arrive Monday to Saturday between 8:00 and 18:00 local time. */
    private static long businessHours(Person p, long around) {
        LocalDate date = localDate(p, around);
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        return localTime(p, date, 8 + p.rng.nextInt(10));
    }

    /** Stores open Monday to Saturday, 10:00 to 19:00; never earlier than {@code around}. */
    private static long openingHours(Person p, long around) {
        ZonedDateTime local = Instant.ofEpochMilli(around).atZone(p.city.zone());
        LocalDate date = local.toLocalDate();
        int hour = local.getHour();
        if (hour >= 18) {
            date = date.plusDays(1);
        }
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        if (date.equals(local.toLocalDate()) && hour >= 10) {
            return around;
        }
        return localTime(p, date, 10 + p.rng.nextInt(8));
    }

    private static LocalDate localDate(Person p, long time) {
        return Instant.ofEpochMilli(time).atZone(p.city.zone()).toLocalDate();
    }

    private static long localTime(Person p, LocalDate date, int hour) {
        SplittableRandom r = p.rng;
        return date.atTime(hour, r.nextInt(60), r.nextInt(60)).atZone(p.city.zone()).toInstant().toEpochMilli()
                + r.nextInt(1000);
    }
}
