package io.waymark.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import io.waymark.collector.Collector;
import io.waymark.core.Json;
import io.waymark.store.EventRowCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/live}: every acknowledged event as a server-sent event ({@code data: {"messageId","type","event",
 * "channel","source","timestamp","receivedAt"}}), plus {@code event: stats} every {@link #STATS_EVERY} and on connect.
 * The collector calls {@link #acknowledged} only after an event is durable, so nothing shows that could still be lost.
 * No identities, properties or traits leave: a dashboard watching the feed sees what happens, not who.
 *
 * <p>The ingesting thread only counts and, while someone watches, queues the rows (dropped when the queue is full:
 * ingestion never waits for a browser). One thread parses and sends, at most {@link #MAX_EVENTS_PER_SECOND} events a
 * second (more is unreadable anyway; the stats still count every event).
 */
final class LiveEvents implements Collector.AckListener, AutoCloseable {
    static final Duration STATS_EVERY = Duration.ofSeconds(5);
    static final int MAX_EVENTS_PER_SECOND = 200;
    private static final int MINUTES_KEPT = 60;
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private final Clock clock;
    private final Instant startedAt;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(1024);
    private final AtomicLong acknowledged = new AtomicLong();
    private final ConcurrentSkipListMap<Long, AtomicLong> perMinute = new ConcurrentSkipListMap<>();
    private final Thread sender = new Thread(this::sendLoop, "live-events");
    private volatile boolean closed;
    private long budgetSecond;
    private int budgetUsed;

    LiveEvents(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
        sender.setDaemon(true);
    }

    void start() {
        sender.start();
    }

    @Override
    public void acknowledged(int count, byte[] rows) {
        try {
            acknowledged.addAndGet(count);
            long minute = clock.instant().getEpochSecond() / 60;
            perMinute.computeIfAbsent(minute, m -> new AtomicLong()).addAndGet(count);
            perMinute.headMap(minute - MINUTES_KEPT).clear();
            if (!clients.isEmpty()) {
                queue.offer(rows);
            }
        } catch (RuntimeException e) {
            // the events are durable and acknowledged whatever happens here
            LOG.warn("live feed: cannot count events", e);
        }
    }

    /** Javalin's SSE handler answers an empty 200 unless the client asks for an event stream; say why instead. */
    static void requireEventStream(io.javalin.http.Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw io.waymark.core.error.WaymarkException.invalid("Accept", "this is a stream of server-sent events: send Accept: text/event-stream");
        }
    }

    /** A new watcher: kept open, told the stats at once. */
    void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, "stats", stats().toString());
    }

    /** {@code {"since", "acknowledged", "perMinute":[{"minute","events"}]}}: counts since the server started, by minute. */
    ObjectNode stats() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("since", startedAt.toString());
        out.put("acknowledged", acknowledged.get());
        var minutes = out.putArray("perMinute");
        long now = clock.instant().getEpochSecond() / 60;
        long first = Math.max(startedAt.getEpochSecond() / 60, now - MINUTES_KEPT + 1);
        for (long m = first; m <= now; m++) {
            AtomicLong n = perMinute.get(m);
            minutes.addObject().put("minute", Instant.ofEpochSecond(m * 60).toString()).put("events", n == null ? 0 : n.get());
        }
        return out;
    }

    private void sendLoop() {
        long nextStats = System.nanoTime() + STATS_EVERY.toNanos();
        while (!closed) {
            try {
                byte[] rows = queue.poll(Math.max(1, nextStats - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (rows != null) {
                    sendEvents(rows);
                }
                if (System.nanoTime() - nextStats >= 0) {
                    String stats = stats().toString();
                    clients.forEach(c -> send(c, "stats", stats));
                    nextStats = System.nanoTime() + STATS_EVERY.toNanos();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("live feed: cannot send events", e);
            }
        }
    }

    private void sendEvents(byte[] rows) {
        for (EventRowCodec.Scalars e : EventRowCodec.scalars(rows)) {
            long second = clock.instant().getEpochSecond();
            if (second != budgetSecond) {
                budgetSecond = second;
                budgetUsed = 0;
            }
            if (budgetUsed++ >= MAX_EVENTS_PER_SECOND) {
                return;
            }
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("messageId", e.messageId());
            json.put("type", e.type().wireName());
            json.put("event", e.name());
            json.put("channel", e.channel().wireName());
            json.put("source", e.source());
            json.put("timestamp", e.timestamp().truncatedTo(ChronoUnit.MILLIS).toString());
            json.put("receivedAt", e.receivedAt().truncatedTo(ChronoUnit.MILLIS).toString());
            String data = json.toString();
            clients.forEach(c -> send(c, null, data));
        }
    }

    /** One writer at a time per client: the sender thread and a connecting request both write. */
    private void send(SseClient client, String event, String data) {
        synchronized (client) {
            if (client.terminated()) {
                clients.remove(client);
                return;
            }
            if (event == null) {
                client.sendData(data);
            } else {
                client.sendEvent(event, data);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        clients.forEach(SseClient::close);
    }
}
