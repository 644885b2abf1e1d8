package io.waymark.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
    private final Map<IdentityKey, Instant> seen = new HashMap<>();
    private final List<IdentityEdge> edges = new ArrayList<>();
    private final IdentityResolver resolver = new IdentityResolver();

    private static Instant t(int minute) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(minute * 60L);
    }

    private void user(String id, int minute) {
        seen.merge(IdentityKey.user(id), t(minute), (a, b) -> a.isBefore(b) ? a : b);
    }

    private void anon(String id, int minute) {
        seen.merge(IdentityKey.anonymous(id), t(minute), (a, b) -> a.isBefore(b) ? a : b);
    }

    private void identify(String anon, String user, int minute) {
        anon(anon, minute);
        user(user, minute);
        edges.add(new IdentityEdge(IdentityEdge.Kind.IDENTIFY, anon, user, t(minute)));
    }

    @Test
    void anonymousVisitorWhoSignsUpIsOnePersonWithAStableId() {
        anon("a1", 0);
        var before = resolver.resolve(seen, edges);
        identify("a1", "alice", 10);
        var after = resolver.resolve(seen, edges);
        assertThat(after.personOf(IdentityKey.user("alice"))).isEqualTo(after.personOf(IdentityKey.anonymous("a1")));
        assertThat(after.personOf(IdentityKey.user("alice"))).as("signing up keeps the person id").isEqualTo(before.personOf(IdentityKey.anonymous("a1")));
    }

    @Test
    void devicesOfOneUserJoinThroughTheUserId() {
        identify("phone", "bob", 1);
        identify("laptop", "bob", 5);
        anon("tablet", 2);
        var r = resolver.resolve(seen, edges);
        assertThat(r.personOf(IdentityKey.anonymous("phone"))).isEqualTo(r.personOf(IdentityKey.anonymous("laptop")));
        assertThat(r.personOf(IdentityKey.anonymous("tablet"))).isNotEqualTo(r.personOf(IdentityKey.user("bob")));
    }

    @Test
    void twoKnownUsersAreNeverMergedThroughASharedAnonymousId() {
        identify("family-ipad", "carol", 1);
        identify("family-ipad", "dave", 2);
        var r = resolver.resolve(seen, edges);
        assertThat(r.personOf(IdentityKey.user("carol"))).isNotEqualTo(r.personOf(IdentityKey.user("dave")));
        assertThat(r.personOf(IdentityKey.anonymous("family-ipad"))).as("the device stays with its first user")
                .isEqualTo(r.personOf(IdentityKey.user("carol")));
        assertThat(r.refused()).hasSize(1);
        assertThat(r.refused().get(0).edge().to()).isEqualTo("dave");
    }

    @Test
    void sharedDeviceDoesNotMergeEvenWhenEachUserHasOtherDevices() {
        identify("carol-phone", "carol", 1);
        identify("dave-phone", "dave", 1);
        identify("shared", "carol", 3);
        identify("shared", "dave", 4);
        var r = resolver.resolve(seen, edges);
        assertThat(r.personOf(IdentityKey.anonymous("carol-phone"))).isNotEqualTo(r.personOf(IdentityKey.anonymous("dave-phone")));
    }

    @Test
    void aliasExplicitlyMergesTwoUserIds() {
        identify("a", "old-id", 1);
        user("new-id", 5);
        edges.add(new IdentityEdge(IdentityEdge.Kind.ALIAS, "old-id", "new-id", t(6)));
        var r = resolver.resolve(seen, edges);
        assertThat(r.personOf(IdentityKey.user("old-id"))).isEqualTo(r.personOf(IdentityKey.user("new-id")))
                .isEqualTo(r.personOf(IdentityKey.anonymous("a")));
        assertThat(r.refused()).isEmpty();
    }

    @Test
    void userAndAnonymousIdsWithTheSameTextAreDifferentIdentities() {
        user("x", 1);
        anon("x", 2);
        var r = resolver.resolve(seen, edges);
        assertThat(r.personOf(IdentityKey.user("x"))).isNotEqualTo(r.personOf(IdentityKey.anonymous("x")));
    }

    @Test
    void resultDoesNotDependOnEdgeOrder() {
        identify("d1", "erin", 3);
        identify("d2", "erin", 1);
        identify("d2", "frank", 2);
        var forward = resolver.resolve(seen, edges);
        java.util.Collections.reverse(edges);
        var backward = resolver.resolve(seen, edges);
        assertThat(backward.personOf()).isEqualTo(forward.personOf());
        assertThat(forward.personOf(IdentityKey.anonymous("d2"))).isEqualTo(forward.personOf(IdentityKey.user("erin")));
    }
}
