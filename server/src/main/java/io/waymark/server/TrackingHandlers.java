package io.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.waymark.activation.link.LinkSigner;
import io.waymark.activation.link.LinkToken;
import io.waymark.collector.Collector;
import io.waymark.collector.IngestResult;
import io.waymark.collector.SegmentProtocol;
import io.waymark.core.Digests;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes links in emails call, outside {@code /api/v1} and without a login (the signed token is the credential):
 * {@code GET /t/open/{token}} (a 1×1 GIF), {@code GET /t/click/{token}} (302 to the URL signed into the token, and
 * only there), {@code GET /unsubscribe/{token}} (a confirmation page: mail scanners fetch links, so a GET changes
 * nothing) and {@code POST /unsubscribe/{token}} (the form's button, and RFC 8058's one-click POST).
 *
 * <p>Each records a track event through {@link Collector#ingest} like any other: {@code email_open},
 * {@code email_click} (property {@code url}) or {@code unsubscribed}, with {@code context.channel = "email"} and
 * the journey, step and send key as properties, so they come back as email touchpoints. Unsubscribing also
 * identifies the person with trait {@code unsubscribed: true}, which the scheduler's suppression reads. Message ids
 * derive from (what, send key, url), so the collector's dedup window turns repeated opens and clicks of one email into
 * one event. A token that is not ours, or of the wrong kind, is a 404 without detail.
 */
final class TrackingHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingHandlers.class);
    static final String OPENED = "email_open";
    static final String CLICKED = "email_click";
    static final String UNSUBSCRIBED = "unsubscribed";
    private static final String SOURCE = "email";
    /** The smallest transparent GIF (GIF89a, 1×1, one transparent colour). */
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Collector collector;
    private final LinkSigner signer;
    private final Clock clock;

    TrackingHandlers(Collector collector, LinkSigner signer, Clock clock) {
        this.collector = collector;
        this.signer = signer;
        this.clock = clock;
    }

    void open(Context ctx) {
        Optional<LinkToken> t = token(ctx, LinkToken.Kind.OPEN);
        if (t.isEmpty()) {
            return;
        }
        recordQuietly(ctx, List.of(track(t.get(), OPENED)));
        ctx.header("Cache-Control", "no-store").contentType("image/gif").result(PIXEL);
    }

    /** The person gets where they were going even if recording the click fails. */
    void click(Context ctx) {
        Optional<LinkToken> t = token(ctx, LinkToken.Kind.CLICK);
        if (t.isEmpty()) {
            return;
        }
        ObjectNode event = track(t.get(), CLICKED);
        ((ObjectNode) event.get("properties")).put("url", t.get().url());
        recordQuietly(ctx, List.of(event));
        ctx.header("Cache-Control", "no-store").redirect(t.get().url(), HttpStatus.FOUND);
    }

    void confirmUnsubscribe(Context ctx) {
        if (token(ctx, LinkToken.Kind.UNSUBSCRIBE).isPresent()) {
            page(ctx, "Unsubscribe", "<p>Stop receiving these emails?</p><form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
        }
    }

    /** Unlike opens and clicks, an unsubscribe must be durable before we say it worked: a failure is an error page. */
    void unsubscribe(Context ctx) {
        Optional<LinkToken> t = token(ctx, LinkToken.Kind.UNSUBSCRIBE);
        if (t.isEmpty()) {
            return;
        }
        ObjectNode identify = message(t.get(), "identify", UNSUBSCRIBED + ":identify");
        identify.putObject("traits").put("unsubscribed", true);
        IngestResult r = record(ctx, List.of(track(t.get(), UNSUBSCRIBED), identify));
        if (!r.rejected().isEmpty()) {
            throw new WaymarkException(ErrorCode.INTERNAL, "the unsubscribe could not be recorded");
        }
        page(ctx, "Unsubscribed", "<p>You are unsubscribed and will not receive these emails again.</p>");
    }

    /** The token of the path when it is ours and of {@code kind}; otherwise answers 404 and returns empty. */
    private Optional<LinkToken> token(Context ctx, LinkToken.Kind kind) {
        Optional<LinkToken> t = signer.verify(ctx.pathParam("token")).filter(x -> x.kind() == kind);
        if (t.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
        }
        return t;
    }

    private ObjectNode track(LinkToken t, String event) {
        ObjectNode m = message(t, "track", event);
        m.put("event", event);
        ObjectNode p = m.putObject("properties");
        p.put("journey", t.journeyKey()).put("step", t.stepId()).put("sendKey", t.sendKey());
        return m;
    }

    private static ObjectNode message(LinkToken t, String type, String what) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", type);
        m.put("messageId", what + ":" + digest(what + "\n" + t.sendKey() + "\n" + (t.url() == null ? "" : t.url())));
        m.put(t.isUserId() ? "userId" : "anonymousId", t.identityValue());
        m.putObject("context").put("channel", SOURCE);
        return m;
    }

    private IngestResult record(Context ctx, List<JsonNode> messages) {
        return collector.ingest(messages, null, new SegmentProtocol.Envelope(SOURCE, null, null, clock.instant(), ctx.ip()));
    }

    private void recordQuietly(Context ctx, List<JsonNode> messages) {
        try {
            IngestResult r = record(ctx, messages);
            if (!r.rejected().isEmpty()) {
                LOG.warn("email tracking event refused: {}", r.rejected().get(0).message());
            }
        } catch (WaymarkException e) {
            LOG.warn("email tracking event not recorded: {}", e.getMessage());
        }
    }

    private static void page(Context ctx, String title, String body) {
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8")
                .result("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>"
                        + title + "</title></head><body style=\"font-family:sans-serif;max-width:480px;margin:48px auto\"><h1>"
                        + title + "</h1>" + body + "</body></html>");
    }

    private static String digest(String s) {
        return Digests.sha256Hex(s, 16);
    }
}
