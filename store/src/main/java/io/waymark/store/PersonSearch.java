package io.waymark.store;

import io.waymark.core.query.PersonSearchResult;
import io.waymark.core.query.PersonSearchSpec;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finds persons by identity, e-mail or trait in one SQL query over the current person map; values are bound. */
final class PersonSearch {
    private static final String BY_TEXT = """
            SELECT person_id FROM person_map WHERE identity = ? OR person_id = ?
            UNION
            SELECT person_id FROM events_resolved
            WHERE traits <> '{}' AND lower(json_extract_string(traits, '$.email')) = lower(?)""";
    private static final String BY_TRAIT = """
            SELECT person_id FROM events_resolved WHERE traits <> '{}' AND json_extract_string(traits, ?) = ?""";
    private static final String NAME = "coalesce(json_extract_string(traits, '$.name'), nullif(concat_ws(' ', "
            + "json_extract_string(traits, '$.firstName'), json_extract_string(traits, '$.lastName')), ''))";
    private static final String DESCRIBE = """
            , page AS (SELECT DISTINCT person_id FROM hits WHERE person_id IS NOT NULL ORDER BY person_id LIMIT ?)
            SELECT e.person_id,
              (SELECT list(identity ORDER BY identity) FROM person_map m WHERE m.person_id = e.person_id AND m.is_user),
              (SELECT list(identity ORDER BY identity) FROM person_map m WHERE m.person_id = e.person_id AND NOT m.is_user),
              arg_max(json_extract_string(traits, '$.email'), ts) FILTER (WHERE json_extract_string(traits, '$.email') IS NOT NULL),
              arg_max(%1$s, ts) FILTER (WHERE %1$s IS NOT NULL),
              epoch_us(min(ts)), epoch_us(max(ts)), count(*)
            FROM events_resolved e WHERE e.person_id IN (SELECT person_id FROM page)
            GROUP BY e.person_id ORDER BY e.person_id""".formatted(NAME);

    private PersonSearch() {
    }

    static PersonSearchResult run(Connection c, PersonSearchSpec spec) throws SQLException {
        var found = new ArrayList<PersonSearchResult.Person>();
        try (PreparedStatement ps = c.prepareStatement("WITH hits AS (" + (spec.text() != null ? BY_TEXT : BY_TRAIT) + ")" + DESCRIBE)) {
            int at = 1;
            if (spec.text() != null) {
                ps.setString(at++, spec.text());
                ps.setString(at++, spec.text());
                ps.setString(at++, spec.text());
            } else {
                ps.setString(at++, "$.\"" + spec.traitKey() + "\"");
                ps.setString(at++, spec.traitValue());
            }
            ps.setInt(at, spec.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new PersonSearchResult.Person(rs.getString(1), strings(rs.getArray(2)), strings(rs.getArray(3)),
                            rs.getString(4), rs.getString(5), DuckDbEventStore.instant(rs.getLong(6)),
                            DuckDbEventStore.instant(rs.getLong(7)), rs.getLong(8)));
                }
            }
        }
        boolean truncated = found.size() > spec.limit();
        return new PersonSearchResult(truncated ? List.copyOf(found.subList(0, spec.limit())) : List.copyOf(found), truncated);
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
    }
}
