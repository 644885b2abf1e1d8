package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.experiment.Assignment;
import io.waymark.core.experiment.Experiment;
import io.waymark.core.experiment.Variant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Which variant a unit gets: the variant it was first given (sticky across weight changes and, once a user id and an
 * anonymous id came together, across devices), else the deterministic hash of (experiment key, user id or anonymous id)
 * if the person is in the targeting segment (as of its last refresh) and in the traffic share.
 */
public final class ExperimentDecider {
    /** The answer: a variant (null when the unit is not in the experiment), why, and whether it was assigned now. */
    public record Decision(String experiment, String variant, String reason, boolean firstExposure) {
    }

    private final DuckDbEventStore store;
    private final ExperimentRepository experiments;
    private final Clock clock;

    public ExperimentDecider(DuckDbEventStore store, Clock clock) {
        this.store = store;
        this.experiments = new ExperimentRepository(store);
        this.clock = clock;
    }

    public Decision decide(String key, String userId, String anonymousId) {
        if (userId == null && anonymousId == null) {
            throw WaymarkException.missing("userId");
        }
        ExperimentRepository.Saved saved = experiments.get(key);
        if (saved.status() != ExperimentRepository.Status.RUNNING) {
            return new Decision(key, null, "experiment is " + saved.status().name().toLowerCase(), false);
        }
        if (store.tombstones().covers(userId, anonymousId, null)) {
            return new Decision(key, null, "forgotten person", false);
        }
        ExperimentRepository.Assigned sticky = experiments.assignment(key, userId, anonymousId);
        if (sticky.variant() != null) {
            if (!sticky.complete()) {
                experiments.assign(key, userId, anonymousId, sticky.variant(), clock.instant()); // a new device keeps it too
            }
            return new Decision(key, sticky.variant(), "assigned before", false);
        }
        Experiment e = saved.experiment();
        if (e.segment() != null && !inSegment(e.segment(), userId, anonymousId)) {
            return new Decision(key, null, "not in segment '" + e.segment() + "'", false);
        }
        Variant v = Assignment.variant(e, userId != null ? userId : anonymousId);
        if (v == null) {
            return new Decision(key, null, "outside the traffic share", false);
        }
        experiments.assign(key, userId, anonymousId, v.key(), clock.instant());
        return new Decision(key, v.key(), "assigned", true);
    }

    private boolean inSegment(String segment, String userId, String anonymousId) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM person_map p JOIN segment_members m ON m.person_id = p.person_id AND m.segment_id = ?"
                        + " WHERE (p.is_user AND p.identity = ?) OR (NOT p.is_user AND p.identity = ?) LIMIT 1")) {
            ps.setString(1, segment);
            ps.setString(2, userId);
            ps.setString(3, anonymousId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read segment members: " + e.getMessage(), e);
        }
    }
}
