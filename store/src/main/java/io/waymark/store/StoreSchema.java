package io.waymark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the tables the store needs; statements are idempotent so opening an existing store is safe. */
final class StoreSchema {
    private StoreSchema() {
    }

    static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS events (
                      message_id VARCHAR NOT NULL,
                      type VARCHAR NOT NULL,
                      name VARCHAR,
                      anonymous_id VARCHAR,
                      user_id VARCHAR,
                      previous_id VARCHAR,
                      group_id VARCHAR,
                      ts TIMESTAMP NOT NULL,
                      received_at TIMESTAMP NOT NULL,
                      channel VARCHAR NOT NULL,
                      source VARCHAR,
                      context VARCHAR NOT NULL,
                      properties VARCHAR NOT NULL,
                      traits VARCHAR NOT NULL,
                      revenue DOUBLE)""");
            s.execute("CREATE TABLE IF NOT EXISTS loader_checkpoint (log_offset BIGINT NOT NULL, version BIGINT NOT NULL)");
            s.execute("INSERT INTO loader_checkpoint SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM loader_checkpoint)");
            // One row per committed import transaction: part of the data version (DuckDbEventStore.version).
            s.execute("CREATE TABLE IF NOT EXISTS imported_batches (committed_at TIMESTAMP NOT NULL)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS sources (
                      name VARCHAR PRIMARY KEY,
                      write_key VARCHAR NOT NULL UNIQUE,
                      created_at TIMESTAMP NOT NULL)""");
            s.execute("CREATE TABLE IF NOT EXISTS person_map (is_user BOOLEAN NOT NULL, identity VARCHAR NOT NULL, person_id VARCHAR NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS person_map_state (version BIGINT NOT NULL)");
            s.execute("INSERT INTO person_map_state SELECT -1 WHERE NOT EXISTS (SELECT 1 FROM person_map_state)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS refused_merges (
                      anonymous_id VARCHAR, user_id VARCHAR, seen_at TIMESTAMP, reason VARCHAR)""");
            // Tombstones of forgotten identities: a SHA-256 of the id, never the id itself (see Tombstones).
            s.execute("""
                    CREATE TABLE IF NOT EXISTS forgotten_identities (
                      is_user BOOLEAN NOT NULL, identity_hash VARCHAR NOT NULL, forgotten_at TIMESTAMP NOT NULL,
                      PRIMARY KEY (is_user, identity_hash))""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS spend (
                      date DATE NOT NULL,
                      channel VARCHAR NOT NULL,
                      campaign VARCHAR NOT NULL,
                      cost DOUBLE NOT NULL,
                      currency VARCHAR NOT NULL,
                      imported_at TIMESTAMP NOT NULL,
                      PRIMARY KEY (date, channel, campaign))""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS segments (
                      id VARCHAR PRIMARY KEY,
                      name VARCHAR NOT NULL,
                      description VARCHAR,
                      rules VARCHAR NOT NULL,
                      timezone VARCHAR NOT NULL,
                      created_at TIMESTAMP NOT NULL,
                      updated_at TIMESTAMP NOT NULL,
                      refreshed_at TIMESTAMP,
                      members BIGINT)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS segment_members (
                      segment_id VARCHAR NOT NULL,
                      person_id VARCHAR NOT NULL,
                      since TIMESTAMP NOT NULL,
                      PRIMARY KEY (segment_id, person_id))""");
            // Entries and exits, kept so that triggers can react to them (a person entering "at risk").
            s.execute("""
                    CREATE TABLE IF NOT EXISTS segment_transitions (
                      segment_id VARCHAR NOT NULL,
                      person_id VARCHAR NOT NULL,
                      kind VARCHAR NOT NULL,
                      changed_at TIMESTAMP NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS experiments (
                      key VARCHAR PRIMARY KEY,
                      definition VARCHAR NOT NULL,
                      status VARCHAR NOT NULL,
                      created_at TIMESTAMP NOT NULL,
                      started_at TIMESTAMP,
                      stopped_at TIMESTAMP)""");
            // The first variant served to a unit (user id or anonymous id: separate namespaces), so that it sticks when weights change.
            s.execute("""
                    CREATE TABLE IF NOT EXISTS experiment_assignments (
                      experiment_key VARCHAR NOT NULL,
                      unit VARCHAR NOT NULL,
                      is_user BOOLEAN NOT NULL,
                      variant VARCHAR NOT NULL,
                      assigned_at TIMESTAMP NOT NULL,
                      PRIMARY KEY (experiment_key, unit, is_user))""");
            // Dashboard users (operators, not tracked persons, so not in PersonDataTables); only a password hash is kept.
            s.execute("""
                    CREATE TABLE IF NOT EXISTS users (
                      name VARCHAR PRIMARY KEY,
                      role VARCHAR NOT NULL,
                      password_hash VARCHAR NOT NULL,
                      created_at TIMESTAMP NOT NULL)""");
            // Saved survey definitions (not person-keyed: answers are survey_response events).
            s.execute("""
                    CREATE TABLE IF NOT EXISTS surveys (
                      id VARCHAR PRIMARY KEY,
                      definition VARCHAR NOT NULL,
                      created_at TIMESTAMP NOT NULL,
                      updated_at TIMESTAMP NOT NULL)""");
            // Keys generated once per data directory (e.g. the one that signs tracking and unsubscribe links).
            s.execute("CREATE TABLE IF NOT EXISTS signing_keys (name VARCHAR PRIMARY KEY, secret BLOB NOT NULL, created_at TIMESTAMP NOT NULL)");
            JourneyTables.create(s);
            // Persons are resolved at query time through the current map, so a later merge rewrites history.
            s.execute("""
                    CREATE OR REPLACE VIEW events_resolved AS
                    SELECT e.*, coalesce(mu.person_id, ma.person_id) AS person_id
                    FROM events e
                    LEFT JOIN person_map mu ON mu.is_user AND mu.identity = e.user_id
                    LEFT JOIN person_map ma ON NOT ma.is_user AND ma.identity = e.anonymous_id""");
        }
    }
}
