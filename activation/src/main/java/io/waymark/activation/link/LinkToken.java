package io.waymark.activation.link;

import java.util.Objects;

/**
 * What a link in an email stands for, signed into its token by {@link LinkSigner}.
 *
 * @param kind       what following the link does; part of the signature, so an open pixel's token cannot unsubscribe
 * @param identity   the identity the resulting event is recorded under: {@code u:<userId>} or {@code a:<anonymousId>}
 * @param personId   the resolved person the message was sent to
 * @param journeyKey the sending journey
 * @param stepId     the sending step
 * @param sendKey    the send's idempotency key
 * @param url        the target of a click (only for {@link Kind#CLICK}, else null): the one place {@code /t/click} redirects to
 */
public record LinkToken(Kind kind, String identity, String personId, String journeyKey, String stepId, String sendKey, String url) {

    public enum Kind {
        OPEN("o"), CLICK("c"), UNSUBSCRIBE("u");

        final String code;

        Kind(String code) {
            this.code = code;
        }

        static Kind ofCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }

    public LinkToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identity, "identity");
        if (!identity.startsWith("u:") && !identity.startsWith("a:")) {
            throw new IllegalArgumentException("identity must start with u: or a:");
        }
        if ((kind == Kind.CLICK) != (url != null)) {
            throw new IllegalArgumentException("a click token, and only a click token, carries a url");
        }
    }

    public boolean isUserId() {
        return identity.startsWith("u:");
    }

    /** The user id or anonymous id without its prefix. */
    public String identityValue() {
        return identity.substring(2);
    }
}
