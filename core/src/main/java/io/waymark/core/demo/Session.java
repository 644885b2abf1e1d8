package io.waymark.core.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * One visit on one device: a clock that moves forward between interactions and the client-side
 * context every message of the visit carries (device, library, campaign, current page). Web
 * visits send pages, app visits send screens; track calls are the same on both.
 */
final class Session {
    /** Think times are capped so a visit never contains a 30-minute gap (that would split it). */
    private static final long MAX_PAUSE = 10 * IsoTime.MINUTE;

    final Person person;
    final int deviceIndex;
    final Device device;
    final Source source;
    long time;

    private String pagePath;
    private String pageUrl;
    private String pageTitle;
    private String referrer;

    Session(Person person, int deviceIndex, Source source, long start) {
        this.person = person;
        this.deviceIndex = deviceIndex;
        this.device = person.devices[deviceIndex];
        this.source = source;
        this.time = start;
        this.referrer = source.referrer;
    }

    SplittableRandom rng() {
        return person.rng;
    }

    boolean mobile() {
        return device.kind().mobile();
    }

    String anonymousId() {
        return device.anonymousId();
    }

    String userId() {
        return person.userIdOn(deviceIndex);
    }

    /** Time to read or decide: a second or more, usually well under a minute. */
    void pause(double meanSeconds) {
        long millis = IsoTime.SECOND + (long) Draw.exponential(person.rng, meanSeconds * IsoTime.SECOND);
        time += Math.min(millis, MAX_PAUSE);
    }

    void advance(long millis) {
        time += millis;
    }

    /** A page (web) or screen (app) view; {@code properties} may be null. */
    void view(String name, String path, String title, ObjectNode properties) {
        ObjectNode props = properties == null ? Messages.object(0) : properties;
        ObjectNode m;
        if (device.kind().app) {
            m = Messages.message("screen", anonymousId(), userId());
            m.put("name", name);
        } else {
            moveTo(path, title);
            m = Messages.message("page", anonymousId(), userId());
            m.put("name", name);
            ObjectNode page = Messages.object(4 + props.size());
            page.put("path", pagePath).put("url", pageUrl).put("title", pageTitle);
            if (referrer != null) {
                page.put("referrer", referrer);
            }
            page.setAll(props);
            props = page;
        }
        m.set("properties", props);
        m.set("context", context());
        person.emit(time, m);
    }

    void track(String event, ObjectNode properties) {
        person.emit(time, Messages.track(event, anonymousId(), userId(), properties, context()));
    }

    void identify(ObjectNode traits) {
        ObjectNode m = Messages.message("identify", anonymousId(), userId());
        m.set("traits", traits);
        m.set("context", context());
        person.emit(time, m);
    }

    /** The first page of a campaign visit carries the UTM parameters in its URL, as the ad linked it. */
    private void moveTo(String path, String title) {
        if (pageUrl != null) {
            referrer = pageUrl;
        }
        String url = Messages.SHOP_URL + path;
        if (pageUrl == null && source.campaign != null) {
            Campaign c = source.campaign;
            url += (path.indexOf('?') < 0 ? "?" : "&") + "utm_source=" + c.source() + "&utm_medium=" + c.medium()
                    + "&utm_campaign=" + c.name();
        }
        int query = path.indexOf('?');
        pagePath = query < 0 ? path : path.substring(0, query);
        pageUrl = url;
        pageTitle = title;
    }

    /**
     * Every message of a campaign visit carries {@code context.campaign}, so the channel and the
     * "source changed, new session" rule see the same source on all of them.
     */
    private ObjectNode context() {
        ObjectNode c = Messages.object(10);
        if (device.kind().app) {
            c.set("app", Messages.object(3).put("name", "Waymark Shop").put("version", "5.3.0").put("build", "5300"));
        }
        if (source.campaign != null) {
            c.set("campaign", Messages.campaign(source.campaign));
        }
        ObjectNode d = Messages.object(3);
        c.set("device", d);
        d.put("id", device.deviceId());
        d.put("type", device.kind().type);
        if (device.manufacturer() != null) {
            d.put("manufacturer", device.manufacturer());
        }
        c.set("library", Messages.object(2).put("name", device.library()).put("version", device.libraryVersion()));
        c.put("locale", person.city.locale());
        c.set("os", Messages.object(1).put("name", device.os()));
        if (!device.kind().app && pagePath != null) {
            ObjectNode page = Messages.object(4);
            c.set("page", page);
            page.put("path", pagePath).put("url", pageUrl).put("title", pageTitle);
            if (referrer != null) {
                page.put("referrer", referrer);
            }
        }
        c.put("timezone", person.city.zone().getId());
        if (device.userAgent() != null) {
            c.put("userAgent", device.userAgent());
        }
        return c;
    }
}
