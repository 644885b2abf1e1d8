package io.waymark.core.query;

/**
 * {@code {"kind":"profile","userId"|"anonymousId"|"personId":…,"limit":N}}: one person's identities,
 * traits and cross-channel timeline (oldest first, at most {@code limit} events).
 */
public record ProfileSpec(Lookup by, String id, int limit) implements QuerySpec {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 100_000;

    public enum Lookup {
        USER_ID, ANONYMOUS_ID, PERSON_ID;

        /** The lookup of a spec field: userId, anonymousId, anything else personId. */
        static Lookup of(String field) {
            return switch (field) {
                case "userId" -> USER_ID;
                case "anonymousId" -> ANONYMOUS_ID;
                default -> PERSON_ID;
            };
        }
    }

    @Override
    public String kind() {
        return "profile";
    }
}
