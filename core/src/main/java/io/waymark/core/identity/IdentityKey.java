package io.waymark.core.identity;

/** Identities live in two namespaces: a user id and an anonymous id with the same text are different. */
public record IdentityKey(boolean user, String id) implements Comparable<IdentityKey> {
    public static IdentityKey user(String id) {
        return new IdentityKey(true, id);
    }

    public static IdentityKey anonymous(String id) {
        return new IdentityKey(false, id);
    }

    @Override
    public int compareTo(IdentityKey o) {
        int c = Boolean.compare(o.user, user);
        return c != 0 ? c : id.compareTo(o.id);
    }

    @Override
    public String toString() {
        return (user ? "user:" : "anonymous:") + id;
    }
}
