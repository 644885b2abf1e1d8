package io.waymark.core.demo;

/**
 * Bad experiences a person remembers for a while. Each lowers the score of later survey answers
 * by {@code penalty} NPS points and gives detractors something specific to complain about.
 */
enum Experience {
    SLOW_MOBILE_CHECKOUT(3.0),
    LATE_DELIVERY(3.0),
    RETURN(2.0),
    SUPPORT_TICKET(1.5);

    final double penalty;

    Experience(double penalty) {
        this.penalty = penalty;
    }

    /** One remembered experience. */
    record Incident(long time, Experience kind) {
    }
}
