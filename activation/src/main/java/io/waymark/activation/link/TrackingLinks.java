package io.waymark.activation.link;

/**
 * The URLs of the routes {@code server} serves for emails ({@code /t/open/{token}}, {@code /t/click/{token}},
 * {@code /unsubscribe/{token}}) under the public base URL. Tokens are base64url and a dot: nothing to escape.
 */
public record TrackingLinks(String publicBaseUrl, LinkSigner signer) {
    public static final String OPEN = "/t/open/";
    public static final String CLICK = "/t/click/";
    public static final String UNSUBSCRIBE = "/unsubscribe/";

    public String url(LinkToken t) {
        String route = switch (t.kind()) {
            case OPEN -> OPEN;
            case CLICK -> CLICK;
            case UNSUBSCRIBE -> UNSUBSCRIBE;
        };
        return publicBaseUrl + route + signer.sign(t);
    }

    /** Whether {@code url} is one of ours (left alone when links are rewritten). */
    public boolean isOurs(String url) {
        return url.startsWith(publicBaseUrl + "/");
    }
}
