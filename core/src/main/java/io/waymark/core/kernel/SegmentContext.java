package io.waymark.core.kernel;

import io.waymark.core.query.StageRules;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What a segment rule is judged against beyond the events: the instant it holds "as of" (relative windows end
 * there and later events do not count), the journey stages for the {@code stage} fact (null: the bundled
 * defaults), and the churn model's scores, asked for only when a rule uses them because a fit takes seconds.
 */
public record SegmentContext(Instant asOf, StageRules stages, Supplier<ChurnScores> churn) {
}
