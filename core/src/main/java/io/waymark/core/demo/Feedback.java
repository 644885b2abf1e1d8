package io.waymark.core.demo;

import java.util.SplittableRandom;

/**
 * Survey scores, review ratings and free-text comments. A score is the persona's baseline plus
 * noise minus the penalties of recent bad experiences ({@link Mood}); the comment is drawn from
 * the sentiment of the score (NPS detractor 0-6 / passive 7-8 / promoter 9-10, CSAT 1-2 / 3 / 4-5)
 * and names the worst recent experience, so text analysis and scores tell the same story: complaints
 * carry words VADER's lexicon knows ("frustrating", "disappointing"), as real ones mostly do.
 */
final class Feedback {
    /** How long a bad experience colours answers. */
    static final long MEMORY_MILLIS = 45 * IsoTime.DAY;
    private static final double MAX_PENALTY = 6.0;

    /** Summed penalty of recent bad experiences and the worst of them (null when none). */
    record Mood(double penalty, Experience worst) {
        static final Mood CONTENT = new Mood(0, null);

        Mood {
            penalty = Math.min(penalty, MAX_PENALTY);
        }
    }

    private enum Sentiment { NEGATIVE, NEUTRAL, POSITIVE }

    private static final String[] POSITIVE = {
        "Love it, ordering is quick and easy", "Great prices and fast delivery", "Always find what I need here",
        "Excellent service, will buy again", "The app is fantastic", "Super friendly and helpful"};
    private static final String[] NEUTRAL = {
        "Good overall, delivery could be faster", "Decent prices, okay selection", "Fine, nothing special",
        "Mostly happy, the website could be clearer"};
    private static final String[] NEGATIVE = {
        "Prices went up, not worth it anymore", "Hard to find what I am looking for", "The website is clunky and frustrating"};

    private Feedback() {
    }

    static int nps(Persona persona, Mood mood, SplittableRandom r) {
        double score = persona.loyalty.npsBase() + 1.2 * Draw.gaussian(r) - mood.penalty();
        return Draw.clamp(Math.round(score), 0, 10);
    }

    /** Customer satisfaction 1-5 after a support contact; the ticket itself is part of the mood. */
    static int csat(Mood mood, SplittableRandom r) {
        double score = 4.4 + 0.6 * Draw.gaussian(r) - 0.45 * mood.penalty();
        return Draw.clamp(Math.round(score), 1, 5);
    }

    /** Product review stars 1-5, on the same mood as NPS (roughly half the NPS scale). */
    static int rating(Persona persona, Mood mood, SplittableRandom r) {
        double score = persona.loyalty.npsBase() / 2.0 + 0.7 * Draw.gaussian(r) - mood.penalty() / 2.0;
        return Draw.clamp(Math.round(score), 1, 5);
    }

    static String npsComment(int score, Mood mood, SplittableRandom r) {
        return comment(score <= 6 ? Sentiment.NEGATIVE : score <= 8 ? Sentiment.NEUTRAL : Sentiment.POSITIVE, mood, r);
    }

    static String csatComment(int score, Mood mood, SplittableRandom r) {
        return comment(score <= 2 ? Sentiment.NEGATIVE : score == 3 ? Sentiment.NEUTRAL : Sentiment.POSITIVE, mood, r);
    }

    private static String comment(Sentiment sentiment, Mood mood, SplittableRandom r) {
        Experience worst = mood.worst();
        return switch (sentiment) {
            case POSITIVE -> Draw.oneOf(r, POSITIVE);
            case NEUTRAL -> worst == null ? Draw.oneOf(r, NEUTRAL) : mildComplaint(worst);
            case NEGATIVE -> worst == null ? Draw.oneOf(r, NEGATIVE) : complaints(worst, r);
        };
    }

    /** The text of a support ticket: fixed per topic, so tickets draw no random numbers and the demo's story is unchanged. */
    static String ticketComment(String topic) {
        return switch (topic) {
            case "delivery" -> "Where is my parcel? It is late and I am annoyed";
            case "return" -> "Still no refund two weeks after I sent the item back, very frustrating";
            case "payment" -> "My card was charged twice by mistake";
            case "account" -> "I cannot log in to my account";
            default -> "Does this product come with a warranty?";
        };
    }

    private static String mildComplaint(Experience worst) {
        return switch (worst) {
            case SLOW_MOBILE_CHECKOUT -> "Nice products, but checkout on my phone is sluggish";
            case LATE_DELIVERY -> "Good shop, but my delivery was late";
            case RETURN -> "Okay, though the return was a bit of a hassle";
            case SUPPORT_TICKET -> "Fine, support took a while to answer";
        };
    }

    private static String complaints(Experience worst, SplittableRandom r) {
        return switch (worst) {
            case SLOW_MOBILE_CHECKOUT -> Draw.oneOf(r,
                    "Checkout on my phone is painfully slow", "The shipping step on mobile takes forever to load, annoying",
                    "Gave up ordering on my phone, the shipping page kept failing",
                    "Mobile checkout is so slow I had to switch to my laptop, frustrating");
            case LATE_DELIVERY -> Draw.oneOf(r,
                    "Shipping took forever, very disappointing", "My parcel arrived a week late, annoying",
                    "Delivery was late and nobody told me why, terrible communication");
            case RETURN -> Draw.oneOf(r,
                    "Return process was a frustrating hassle", "The product was not as described, really disappointing",
                    "Still waiting for my refund, unacceptable");
            case SUPPORT_TICKET -> Draw.oneOf(r,
                    "Waited days for an answer from support, terrible",
                    "Had to contact support twice for the same problem, useless");
        };
    }
}
