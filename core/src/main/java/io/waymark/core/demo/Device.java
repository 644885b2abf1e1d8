package io.waymark.core.demo;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One browser or app install. Its {@code anonymousId} is the cookie / install id the client
 * library keeps, so every device starts out as a separate anonymous visitor until the person logs in on it.
 */
record Device(DeviceKind kind, String anonymousId, String deviceId, String os, String manufacturer,
        String userAgent, String library, String libraryVersion) {

    private static final String WEB_LIBRARY = "analytics.js";
    private static final String WEB_LIBRARY_VERSION = "2.11.1";

    static Device create(DeviceKind kind, SplittableRandom r) {
        String anonymousId = uuid(r);
        String deviceId = uuid(r);
        boolean apple = r.nextDouble() < (kind == DeviceKind.DESKTOP ? 0.30 : 0.55);
        return switch (kind) {
            case DESKTOP -> apple
                    ? web(kind, anonymousId, deviceId, "macOS", "Apple",
                            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")
                    : web(kind, anonymousId, deviceId, "Windows", null,
                            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36");
            case MOBILE_WEB -> apple
                    ? web(kind, anonymousId, deviceId, "iOS", "Apple",
                            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
                    : web(kind, anonymousId, deviceId, "Android", "Samsung",
                            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36");
            case TABLET -> apple
                    ? web(kind, anonymousId, deviceId, "iPadOS", "Apple",
                            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
                    : web(kind, anonymousId, deviceId, "Android", "Samsung",
                            "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36");
            case APP -> apple
                    ? new Device(kind, anonymousId, deviceId, "iOS", "Apple", null, "analytics-ios", "4.1.8")
                    : new Device(kind, anonymousId, deviceId, "Android", "Google", null, "analytics-android", "4.11.3");
        };
    }

    private static Device web(DeviceKind kind, String anonymousId, String deviceId, String os, String manufacturer,
            String userAgent) {
        return new Device(kind, anonymousId, deviceId, os, manufacturer, userAgent, WEB_LIBRARY, WEB_LIBRARY_VERSION);
    }

    /** A version-4 UUID from the person's random stream (never {@link UUID#randomUUID()}, which is not reproducible). */
    private static String uuid(SplittableRandom r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(hi, lo).toString();
    }
}
