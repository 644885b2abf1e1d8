package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.survey.SurveyDefinition;
import io.waymark.core.survey.SurveyType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Saved survey definitions (table {@code surveys}, the definition as JSON). */
public final class SurveyRepository {
    /** A saved survey and when it was created and last changed. */
    public record Saved(String id, String type, String question, String followUp, Instant createdAt, Instant updatedAt) {
        public SurveyDefinition.Form form() {
            return new SurveyDefinition(id, SurveyType.of(type), question, followUp).form();
        }
    }

    private final DuckDbEventStore store;

    public SurveyRepository(DuckDbEventStore store) {
        this.store = store;
    }

    /** Saves a new survey; a taken id is a conflict. */
    public Saved create(SurveyDefinition d, Instant now) {
        if (write("INSERT INTO surveys VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", d.id(), json(d), now, now) == 0) {
            throw new WaymarkException(ErrorCode.CONFLICT, "id", "a survey with id '" + d.id() + "' already exists");
        }
        return get(d.id());
    }

    /** Replaces a saved survey's definition; an unknown id is NOT_FOUND. */
    public Saved update(SurveyDefinition d, Instant now) {
        if (write("UPDATE surveys SET definition = ?, updated_at = ? WHERE id = ?", json(d), now, d.id()) == 0) {
            throw notFound(d.id());
        }
        return get(d.id());
    }

    public void delete(String id) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM surveys WHERE id = ?")) {
            ps.setString(1, id);
            if (ps.executeUpdate() == 0) {
                throw notFound(id);
            }
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    public Saved get(String id) {
        List<Saved> found = select(" WHERE id = ?", id);
        if (found.isEmpty()) {
            throw notFound(id);
        }
        return found.get(0);
    }

    public List<Saved> list() {
        return select(" ORDER BY id", null);
    }

    private int write(String sql, Object... params) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                ps.setObject(i + 1, p instanceof Instant at ? Timestamp.from(at) : p);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("save", e);
        }
    }

    private static String json(SurveyDefinition d) {
        try {
            return Json.MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw failure("save", e);
        }
    }

    private List<Saved> select(String where, String id) {
        List<Saved> out = new ArrayList<>();
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT definition, epoch_us(created_at), epoch_us(updated_at) FROM surveys" + where)) {
            if (id != null) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SurveyDefinition d = Json.MAPPER.readValue(rs.getString(1), SurveyDefinition.class);
                    out.add(new Saved(d.id(), d.type().wire(), d.question(), d.followUp(),
                            DuckDbEventStore.instant(rs.getLong(2)), DuckDbEventStore.instant(rs.getLong(3))));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw failure("read", e);
        }
        return out;
    }

    private static WaymarkException notFound(String id) {
        return new WaymarkException(ErrorCode.NOT_FOUND, "survey", "no survey with id '" + id + "'");
    }

    private static WaymarkException failure(String what, Exception e) {
        return new WaymarkException(ErrorCode.IO_FAILURE, "cannot " + what + " surveys: " + e.getMessage(), e);
    }
}
