package io.waymark.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The journey tables. No primary keys on rows the scheduler updates: DuckDB checks unique indexes eagerly on updates
 * inside a transaction, and the scheduler (one thread) checks keys before it inserts instead.
 */
final class JourneyTables {
    private JourneyTables() {
    }

    static void create(Statement s) throws SQLException {
        // one row per journey (its current version and life cycle), one per saved version
        s.execute("""
                CREATE TABLE IF NOT EXISTS journeys (
                  key VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, status VARCHAR NOT NULL, version INTEGER NOT NULL,
                  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, started_at TIMESTAMP, stopped_at TIMESTAMP)""");
        s.execute("""
                CREATE TABLE IF NOT EXISTS journey_versions (
                  journey_key VARCHAR NOT NULL, version INTEGER NOT NULL, definition VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
                  PRIMARY KEY (journey_key, version))""");
        // how far each journey's trigger has read the events (receipt time), written by the scheduler only
        s.execute("CREATE TABLE IF NOT EXISTS journey_cursors (journey_key VARCHAR NOT NULL, read_to TIMESTAMP NOT NULL)");
        // a person's run through a journey: where they are and when to look at them next
        s.execute("""
                CREATE TABLE IF NOT EXISTS journey_enrolments (
                  id VARCHAR NOT NULL, journey_key VARCHAR NOT NULL, version INTEGER NOT NULL, person_id VARCHAR NOT NULL,
                  entry_key VARCHAR NOT NULL, step_id VARCHAR, status VARCHAR NOT NULL, wake_at TIMESTAMP,
                  entered_at TIMESTAMP NOT NULL, step_since TIMESTAMP NOT NULL, ended_at TIMESTAMP, context VARCHAR NOT NULL)""");
        // every step a person went through, with its outcome
        s.execute("""
                CREATE TABLE IF NOT EXISTS journey_step_log (
                  enrolment_id VARCHAR NOT NULL, journey_key VARCHAR NOT NULL, version INTEGER NOT NULL, person_id VARCHAR NOT NULL,
                  step_id VARCHAR NOT NULL, outcome VARCHAR NOT NULL, detail VARCHAR, logged_at TIMESTAMP NOT NULL)""");
        // one row per (journey run, send step): recorded before the channel is called, so it is never called twice for good
        s.execute("""
                CREATE TABLE IF NOT EXISTS journey_sends (
                  idempotency_key VARCHAR NOT NULL, enrolment_id VARCHAR NOT NULL, journey_key VARCHAR NOT NULL, step_id VARCHAR NOT NULL,
                  person_id VARCHAR NOT NULL, channel VARCHAR NOT NULL, marketing BOOLEAN NOT NULL, status VARCHAR NOT NULL,
                  detail VARCHAR, attempts INTEGER NOT NULL, next_attempt_at TIMESTAMP, created_at TIMESTAMP NOT NULL,
                  updated_at TIMESTAMP NOT NULL)""");
        s.execute("""
                CREATE TABLE IF NOT EXISTS inapp_messages (
                  id VARCHAR NOT NULL, person_id VARCHAR NOT NULL, journey_key VARCHAR NOT NULL, step_id VARCHAR NOT NULL,
                  title VARCHAR NOT NULL, body VARCHAR NOT NULL, cta_label VARCHAR, cta_url VARCHAR, created_at TIMESTAMP NOT NULL,
                  seen_at TIMESTAMP)""");
    }
}
