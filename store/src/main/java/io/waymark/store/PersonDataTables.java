package io.waymark.store;

import java.util.List;

/**
 * Every table that holds rows about a person, and the columns that tie a row to one. Forgetting
 * deletes exactly these rows and exporting returns exactly these rows, so a new person-keyed
 * table is added here once and both follow. Tables not (yet) in the store are skipped.
 */
final class PersonDataTables {
    /** What a column holds: the resolved person id, a user id, an anonymous id, or an id of either kind. */
    enum Key { PERSON_ID, USER_ID, ANONYMOUS_ID, ANY_ID }

    record Column(String name, Key key) {
    }

    /** @param orderBy the order rows are exported in */
    record Table(String name, List<Column> columns, String orderBy) {
    }

    static final Table EVENTS = new Table("events", List.of(
            new Column("user_id", Key.USER_ID), new Column("anonymous_id", Key.ANONYMOUS_ID),
            new Column("previous_id", Key.ANY_ID)), "ts, message_id");

    static final Table SEGMENT_MEMBERS = new Table("segment_members", List.of(new Column("person_id", Key.PERSON_ID)), "segment_id");

    static final List<Table> ALL = List.of(
            EVENTS,
            new Table("person_map", List.of(new Column("person_id", Key.PERSON_ID)), "is_user, identity"),
            new Table("refused_merges", List.of(
                    new Column("anonymous_id", Key.ANONYMOUS_ID), new Column("user_id", Key.USER_ID)), "seen_at"),
            SEGMENT_MEMBERS,
            new Table("segment_transitions", List.of(new Column("person_id", Key.PERSON_ID)), "changed_at, segment_id"),
            new Table("experiment_assignments", List.of(new Column("unit", Key.ANY_ID)), "assigned_at, experiment_key"),
            new Table("journey_enrolments", List.of(new Column("person_id", Key.PERSON_ID)), "entered_at, journey_key"),
            new Table("journey_step_log", List.of(new Column("person_id", Key.PERSON_ID)), "logged_at, journey_key, step_id"),
            new Table("journey_sends", List.of(new Column("person_id", Key.PERSON_ID)), "created_at, idempotency_key"),
            new Table("inapp_messages", List.of(new Column("person_id", Key.PERSON_ID)), "created_at, id"));

    private PersonDataTables() {
    }

    /**
     * The condition selecting a person's rows of {@code table}, over the temporary table
     * {@code person_ids(person_id, is_user, identity)} of their identities. Only table and column
     * names from this class reach the SQL text.
     */
    static String where(Table table) {
        StringBuilder out = new StringBuilder();
        for (Column c : table.columns()) {
            out.append(out.length() == 0 ? "" : " OR ").append(c.name()).append(switch (c.key()) {
                case PERSON_ID -> " IN (SELECT person_id FROM person_ids)";
                case USER_ID -> " IN (SELECT identity FROM person_ids WHERE is_user)";
                case ANONYMOUS_ID -> " IN (SELECT identity FROM person_ids WHERE NOT is_user)";
                case ANY_ID -> " IN (SELECT identity FROM person_ids)";
            });
        }
        return out.toString();
    }
}
