package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.survey.SurveyDefinition;
import io.waymark.core.survey.SurveyType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
        if (write("save survey", "INSERT INTO surveys VALUES (?, ?, make_timestamp(?), make_timestamp(?)) ON CONFLICT DO NOTHING", d.id(), json(d), now, now) == 0) {
            throw new WaymarkException(ErrorCode.CONFLICT, "id", "a survey with id '" + d.id() + "' already exists");
        }
        return get(d.id());
    }

    /** Replaces a saved survey's definition; an unknown id is NOT_FOUND. */
    public Saved update(SurveyDefinition d, Instant now) {
        if (write("save survey", "UPDATE surveys SET definition = ?, updated_at = make_timestamp(?) WHERE id = ?", json(d), now, d.id()) == 0) {
            throw notFound(d.id());
        }
        return get(d.id());
    }

    public void delete(String id) {
        if (write("delete survey", "DELETE FROM surveys WHERE id = ?", id) == 0) {
            throw notFound(id);
        }
    }

    public Saved get(String id) {
        return select(" WHERE id = ?", id).stream().findFirst().orElseThrow(() -> notFound(id));
    }

    public List<Saved> list() {
        return select(" ORDER BY id");
    }

    private long write(String what, String sql, Object... params) {
        return Sql.read(store, what, c -> Sql.update(c, sql, params));
    }

    private static String json(SurveyDefinition d) {
        try {
            return Json.MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw failure("save", e);
        }
    }

    private List<Saved> select(String where, Object... params) {
        return Sql.read(store, "read surveys", c -> Sql.query(c,
                "SELECT definition, epoch_us(created_at), epoch_us(updated_at) FROM surveys" + where, SurveyRepository::saved, params));
    }

    private static Saved saved(ResultSet rs) throws SQLException {
        SurveyDefinition d;
        try {
            d = Json.MAPPER.readValue(rs.getString(1), SurveyDefinition.class);
        } catch (JsonProcessingException e) {
            throw failure("read", e);
        }
        return new Saved(d.id(), d.type().wire(), d.question(), d.followUp(), Sql.instant(rs, 2), Sql.instant(rs, 3));
    }

    private static WaymarkException notFound(String id) {
        return new WaymarkException(ErrorCode.NOT_FOUND, "survey", "no survey with id '" + id + "'");
    }

    private static WaymarkException failure(String what, Exception e) {
        return new WaymarkException(ErrorCode.IO_FAILURE, "cannot " + what + " surveys: " + e.getMessage(), e);
    }
}
