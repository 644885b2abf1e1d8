package io.waymark.core.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One simulated person: fixed traits drawn once from their own random stream, the state their
 * story accumulates (identity, orders, remembered experiences) and the messages written so far.
 */
final class Person {
    /** A review the person means to write on their next visit after delivery. */
    record PendingReview(String orderId, Product product, long deliveredAt) {
    }

    final int index;
    final SplittableRandom rng;
    /** The demo experiment's variant once the person was first exposed (see {@link DemoExperiment}). */
    String experimentVariant;
    final Persona persona;
    final City city;
    final String firstName;
    final String lastName;
    /** Only people who will sign up have one. */
    final String email;
    final String company;
    final Device[] devices;
    final boolean willIdentify;
    final boolean newsletterOptIn;
    final boolean storeShopper;
    /** Scales the persona's mean gap between visits; Gamma(2)-distributed so some people come far more often. */
    final double gapMultiplier;
    final double churnPerVisit;
    /** The visit from which the person signs up even without buying (checkout makes them sign up earlier). */
    final int signupVisit;
    /** The visit at which the account moves to a new user id (alias), or 0 for never. */
    final int migrationVisit;

    String userId;
    long signedUpAt = Long.MAX_VALUE;
    int visits;
    int burstLeft;
    boolean churned;
    /** A cart the person may come back to finish: abandoned at the slow mobile shipping step, or a reminder's. */
    List<Order.Line> savedCart;
    /** The offer code of the cart reminder that brought the person back, used at checkout. */
    String reminderCoupon;
    /** The cart of the last visit that ended without an order, while the cart-abandonment journey may act on it. */
    CartReminders.AbandonedCart abandonedCart;
    final ArrayDeque<PendingReview> reviews = new ArrayDeque<>();

    private final boolean[] loggedIn;
    private final List<Experience.Incident> incidents = new ArrayList<>();
    private final List<PendingEvent> events = new ArrayList<>();
    private int orders;
    private int tickets;
    private int seq;

    Person(int index, SplittableRandom rng) {
        this.index = index;
        this.rng = rng;
        this.persona = Persona.pick(rng);
        this.city = City.pick(rng);
        this.firstName = Draw.oneOf(rng, Names.FIRST);
        this.lastName = Draw.oneOf(rng, Names.LAST);
        this.company = persona == Persona.B2B_BULK ? Draw.oneOf(rng, Names.COMPANIES) : null;
        this.willIdentify = Draw.chance(rng, persona.loyalty.identifyProbability());
        this.email = willIdentify ? emailAddress() : null;
        this.devices = drawDevices();
        this.loggedIn = new boolean[devices.length];
        this.newsletterOptIn = Draw.chance(rng, persona.reach.newsletterOptIn());
        this.storeShopper = city.storeId() != null && Draw.chance(rng, persona.reach.storeShopper());
        this.gapMultiplier = (Draw.exponential(rng, 1) + Draw.exponential(rng, 1)) / 2;
        this.churnPerVisit = persona.visits.churnPerVisit() * (0.5 + rng.nextDouble());
        this.signupVisit = 1 + (int) Draw.exponential(rng, 0.8);
        this.migrationVisit = willIdentify && Draw.chance(rng, 0.02) ? signupVisit + 2 + rng.nextInt(6) : 0;
        this.burstLeft = persona.visits.bursty() ? 1 + rng.nextInt(3) : 0;
    }

    /**
     * People who never identify keep a single device: two anonymous devices of one person can not
     * be linked by anyone, so the planted ground truth stays one person = one resolvable identity.
     */
    private Device[] drawDevices() {
        int count = willIdentify ? 1 + rng.nextInt(persona.reach.maxDevices()) : 1;
        double[] weights = persona.reach.deviceWeights().clone();
        Device[] drawn = new Device[count];
        for (int i = 0; i < count; i++) {
            int kind = Draw.weighted(rng, weights);
            weights[kind] = 0;
            drawn[i] = Device.create(DeviceKind.values()[kind], rng);
            if (sum(weights) == 0) {
                return Arrays.copyOf(drawn, i + 1);
            }
        }
        return drawn;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private String emailAddress() {
        String local = (firstName + "." + lastName).toLowerCase(Locale.ROOT).replace(' ', '-') + index;
        String domain = company != null
                ? company.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example"
                : Draw.oneOf(rng, "example.com", "example.org", "example.net");
        return local + "@" + domain;
    }

    void emit(long time, ObjectNode message) {
        events.add(new PendingEvent(time, seq++, message));
    }

    List<PendingEvent> events() {
        return events;
    }

    boolean identified() {
        return userId != null;
    }

    boolean loggedIn(int device) {
        return loggedIn[device];
    }

    void logIn(int device) {
        loggedIn[device] = true;
    }

    /** After an account migration every device has to log in again with the new user id. */
    void logOutEverywhere() {
        Arrays.fill(loggedIn, false);
    }

    /** The user id a device sends: only once the person has logged in on it. */
    String userIdOn(int device) {
        return loggedIn[device] ? userId : null;
    }

    /**
     * The anonymous id back-office systems know: none once there is an account (they use the user
     * id), otherwise the cookie of the device a guest ordered on (guests have a single device).
     */
    String backOfficeAnonymousId() {
        return userId == null ? devices[0].anonymousId() : null;
    }

    String nextOrderId() {
        return "o-" + index + "-" + (++orders);
    }

    String nextTicketId() {
        return "t-" + index + "-" + (++tickets);
    }

    int orderCount() {
        return orders;
    }

    void remember(long time, Experience kind) {
        incidents.add(new Experience.Incident(time, kind));
    }

    /**
     * Penalties of the kinds of bad experience in the {@link Feedback#MEMORY_MILLIS} before
     * {@code time}; a kind counts once however often it happened.
     */
    Feedback.Mood moodAt(long time) {
        boolean[] seen = new boolean[Experience.values().length];
        double penalty = 0;
        Experience worst = null;
        for (Experience.Incident incident : incidents) {
            Experience kind = incident.kind();
            if (incident.time() <= time && incident.time() > time - Feedback.MEMORY_MILLIS && !seen[kind.ordinal()]) {
                seen[kind.ordinal()] = true;
                penalty += kind.penalty;
                if (worst == null || kind.penalty > worst.penalty) {
                    worst = kind;
                }
            }
        }
        return worst == null ? Feedback.Mood.CONTENT : new Feedback.Mood(penalty, worst);
    }
}
