package io.waymark.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.WaymarkException;

/** Assertions shared by the spec parser tests. */
final class SpecAssertions {
    private SpecAssertions() {
    }

    /** Parsing {@code json} fails as a bad request naming {@code field}, the place in the spec a client must fix. */
    static void assertInvalid(String json, String field) {
        assertThatThrownBy(() -> new QuerySpecParser().parse(json)).isInstanceOfSatisfying(WaymarkException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.code().httpStatus()).isEqualTo(400);
        });
    }
}
