package io.waymark.activation.webhook;

import io.waymark.core.error.WaymarkException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Keeps webhooks from reaching inside the network they are sent from (server-side request forgery, OWASP SSRF
 * prevention cheat sheet): only http(s) URLs without credentials, and only public addresses. Refused: unspecified
 * (0.0.0.0/8, ::), loopback (127/8, ::1), link-local (169.254/16 with the cloud metadata address 169.254.169.254,
 * fe80::/10), private (RFC 1918: 10/8, 172.16/12, 192.168/16; IPv6 unique-local fc00::/7, RFC 4193; deprecated
 * site-local fec0::/10), shared CGNAT space (100.64/10, RFC 6598), IETF protocol assignments (192.0.0/24), benchmarking
 * (198.18/15), reserved (240/4) and broadcast, multicast (224/4, ff00::/8), and IPv6 forms that embed an IPv4 address
 * (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) whenever the embedded
 * address is refused, and Teredo (2001::/32), whose embedded address is obfuscated.
 *
 * <p>Checked when a step is saved ({@link #checkUrl}) and at every send after DNS resolution, on every address a name
 * resolves to ({@link #check(String, InetAddress[])}); the HTTP client then connects to exactly those checked addresses
 * (see {@link WebhookChannel}), so a DNS answer that changes between check and connect (DNS rebinding) changes
 * nothing. {@code allowPrivateDestinations} (off by default) lifts the address rules, for tests and closed networks;
 * the scheme and credential rules always hold.
 */
public final class DestinationGuard {
    private final boolean allowPrivate;

    public DestinationGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** A destination refused: its reason never carries more than the URL's host. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The save-time check of a step's URL, for the journey parser and API: the URL's form, then its host's addresses.
     * Throws an INVALID_FIELD error naming {@code field}.
     */
    public URI checkUrl(String url, String field) {
        try {
            URI u = parse(url);
            check(u.getHost(), resolve(u.getHost()));
            return u;
        } catch (Refused e) {
            throw WaymarkException.invalid(field, "'" + field + "' is refused: " + e.getMessage());
        }
    }

    /** An absolute http(s) URL with a host and no user info. */
    static URI parse(String url) throws Refused {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new Refused("not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https URLs");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new Refused("the URL has no host");
        }
        if (u.getRawUserInfo() != null) {
            throw new Refused("credentials in the URL");
        }
        return u;
    }

    static InetAddress[] resolve(String host) throws Refused {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("cannot resolve " + host);
        }
    }

    /** Refuses when any address of the host is refused: a name pointing both outside and inside is not trusted. */
    void check(String host, InetAddress[] addresses) throws Refused {
        if (addresses.length == 0) {
            throw new Refused("cannot resolve " + host);
        }
        if (allowPrivate) {
            return;
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                throw new Refused(host + " resolves to a loopback, link-local, private or reserved address (" + a.getHostAddress() + ")");
            }
        }
    }

    /** Whether {@code a} is a public unicast address. */
    public static boolean isPublic(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (!(a instanceof Inet6Address) || b.length != 16) {
            return false;
        }
        byte[] embedded = embeddedV4(b);
        if (embedded != null) {
            return isPublicV4(embedded);
        }
        int first = b[0] & 0xff;
        return !(a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()
                || (first & 0xfe) == 0xfc                        // fc00::/7 unique local
                || (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)); // 2001::/32 Teredo: the IPv4 inside is obfuscated
    }

    private static boolean isPublicV4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        return !(o0 == 0                                 // "this network", 0.0.0.0
                || o0 == 10                              // RFC 1918
                || o0 == 127                             // loopback
                || (o0 == 100 && (o1 & 0xc0) == 64)      // 100.64/10 CGNAT, RFC 6598
                || (o0 == 169 && o1 == 254)              // link-local, cloud metadata
                || (o0 == 172 && (o1 & 0xf0) == 16)      // RFC 1918
                || (o0 == 192 && o1 == 168)              // RFC 1918
                || (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 IETF protocol assignments
                || (o0 == 198 && (o1 & 0xfe) == 18)      // 198.18/15 benchmarking
                || o0 >= 224);                           // multicast 224/4, reserved 240/4, broadcast
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address; null for other addresses. */
    private static byte[] embeddedV4(byte[] b) {
        boolean zeros80 = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        if (zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(b, 12, 16);                         // ::ffff:a.b.c.d
        }
        if (zeros80 && b[10] == 0 && b[11] == 0) {
            return Arrays.copyOfRange(b, 12, 16);                         // ::a.b.c.d; :: and ::1 become 0.0.0.x, refused
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8)) {
            return Arrays.copyOfRange(b, 12, 16);                         // 64:ff9b::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);                           // 2002:AABB:CCDD::/48
        }
        return null;
    }
}
