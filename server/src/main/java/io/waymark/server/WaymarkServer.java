package io.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.waymark.activation.Channels;
import io.waymark.activation.ChannelsConfig;
import io.waymark.activation.link.SigningKeys;
import io.waymark.activation.Channel;
import io.waymark.activation.JourneyScheduler;
import io.waymark.activation.JourneySettings;
import io.waymark.collector.Collector;
import io.waymark.collector.IngestResult;
import io.waymark.collector.SegmentProtocol;
import io.waymark.collector.SpendImporter;
import io.waymark.collector.StreamingBatchReader;
import io.waymark.core.spend.SpendEntry;
import io.waymark.store.SpendRepository;
import io.waymark.store.SurveyRepository;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.EventType;
import io.waymark.core.kernel.RecommendationsResult;
import io.waymark.core.query.ProfileSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.ForgetReport;
import io.waymark.core.query.StageRules;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.SourceRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every HTTP route of Waymark, registered in one place. Handlers only translate HTTP to the modules. */
public final class WaymarkServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WaymarkServer.class);
    private static final int MAX_QUERY_BYTES = 1 << 20;

    private final Collector collector;
    private final DuckDbQueryEngine queries;
    private final SpendImporter spendImporter;
    private final WriteKeys writeKeys;
    private final QuerySpecParser specs = new QuerySpecParser();
    private final Clock clock;
    private final Javalin app;
    private final boolean loopbackBind;
    private final SegmentHandlers segmentHandlers;
    private final ExperimentHandlers experimentHandlers;
    private final SurveyHandlers surveyHandlers;
    private final SegmentRefresher segmentRefresher;
    private final DashboardAssets dashboard = new DashboardAssets();
    private final AuthHandlers authHandlers;
    private final AdminHandlers adminHandlers;
    private final LiveEvents liveEvents;
    private final TrackingHandlers trackingHandlers;
    private final JourneyHandlers journeyHandlers;
    private final JourneyScheduler journeyScheduler;
    private final JourneyTicker journeyTicker;
    private final Channels channels;

    public WaymarkServer(ServerConfig config, Collector collector, SourceRepository sources, Clock clock) {
        this(config, collector, sources, clock, null);
    }

    /** @param stageRules the data directory's journey stages (stages.json), or null for the bundled defaults */
    public WaymarkServer(ServerConfig config, Collector collector, SourceRepository sources, Clock clock, StageRules stageRules) {
        this(config, collector, sources, clock, stageRules, JourneySettings.DEFAULTS, ChannelsConfig.NONE, List.of());
    }

    /**
     * @param journeys      how the journey scheduler runs (a zero {@code tickEvery} leaves ticking to the caller)
     * @param channelsConfig the email and webhook channels' settings ({@code DIR/channels.json})
     * @param extraChannels channels journeys may send on besides {@code in_app} and the configured ones (tests' receivers)
     */
    public WaymarkServer(ServerConfig config, Collector collector, SourceRepository sources, Clock clock, StageRules stageRules,
                         JourneySettings journeys, ChannelsConfig channelsConfig, List<Channel> extraChannels) {
        this.collector = collector;
        this.clock = clock;
        this.queries = new DuckDbQueryEngine(collector.store(), stageRules, clock);
        this.segmentHandlers = new SegmentHandlers(queries.segments());
        this.segmentRefresher = new SegmentRefresher(queries.segments(), collector.store()::version, clock,
                SegmentRefresher.MIN_INTERVAL, SegmentRefresher.MAX_AGE);
        this.spendImporter = new SpendImporter(new SpendRepository(collector.store()));
        this.writeKeys = new WriteKeys(sources.list());
        this.experimentHandlers = new ExperimentHandlers(collector, writeKeys, clock);
        var accounts = new UserAccounts(collector.store(), clock);
        var sessions = new Sessions(clock);
        this.authHandlers = new AuthHandlers(accounts, sessions, new LoginThrottle(clock));
        this.adminHandlers = new AdminHandlers(accounts, sessions, sources, writeKeys);
        this.liveEvents = new LiveEvents(clock);
        collector.onAcknowledged(liveEvents);
        this.surveyHandlers = new SurveyHandlers(new SurveyRepository(collector.store()), clock);
        this.trackingHandlers = new TrackingHandlers(collector, SigningKeys.linkSigner(collector.store(), clock), clock);
        this.channels = channels(channelsConfig);
        this.journeyHandlers = new JourneyHandlers(collector.store(), writeKeys, clock);
        this.journeyScheduler = new JourneyScheduler(collector.store(), queries.segments(),
                JourneyHandlers.channels(collector.store(), clock, channelsOn(channels, extraChannels)), new CollectorEventSink(collector, clock), this::recommendationsFor, journeys, clock);
        this.journeyTicker = new JourneyTicker(journeyScheduler, journeys.tickEvery());
        this.loopbackBind = config.host().equals("127.0.0.1") || config.host().equals("localhost") || config.host().equals("::1");
        this.app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.http.maxRequestSize = ServerConfig.MAX_REQUEST_BYTES * 4L;
            c.router.ignoreTrailingSlashes = true;
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            // CORS only on ingestion: browsers may send events from any site, never query the API
            c.routes.before("/v1/*", WaymarkServer::cors);
            c.routes.options("/v1/*", ctx -> ctx.status(204));
            c.routes.before("/api/*", this::loopbackHostOnly);
            c.routes.before("/", this::loopbackHostOnly);
            // a session (and its CSRF token and role) for every /api route but AccessPolicy's write-key routes
            c.routes.before("/api/*", authHandlers::filter);
            c.routes.post("/api/v1/login", authHandlers::login);
            c.routes.post("/api/v1/logout", authHandlers::logout);
            c.routes.get("/api/v1/me", authHandlers::me);
            c.routes.get("/api/v1/users", adminHandlers::listUsers);
            c.routes.post("/api/v1/users", adminHandlers::addUser);
            c.routes.delete("/api/v1/users/{name}", adminHandlers::deleteUser);
            c.routes.get("/api/v1/sources", adminHandlers::listSources);
            c.routes.post("/api/v1/sources", adminHandlers::addSource);
            c.routes.before("/api/v1/live", LiveEvents::requireEventStream);
            c.routes.sse("/api/v1/live", liveEvents::connect);
            for (EventType t : EventType.values()) {
                c.routes.post("/v1/" + t.wireName(), ctx -> single(ctx, t));
            }
            c.routes.post("/v1/batch", this::batch);
            c.routes.post("/v1/import", this::batch);
            c.routes.post("/api/v1/query", this::query);
            c.routes.post("/api/v1/spend", this::spend);
            c.routes.get("/api/v1/persons", this::searchPersons);
            c.routes.get("/api/v1/persons/{personId}", this::profile);
            c.routes.get("/api/v1/persons/{personId}/export", this::exportPerson);
            c.routes.delete("/api/v1/persons/{personId}", this::forgetPerson);
            c.routes.get("/api/v1/status", this::status);
            c.routes.post("/api/v1/segments", segmentHandlers::create);
            c.routes.get("/api/v1/segments", segmentHandlers::list);
            c.routes.get("/api/v1/segments/{id}", segmentHandlers::get);
            c.routes.put("/api/v1/segments/{id}", segmentHandlers::update);
            c.routes.delete("/api/v1/segments/{id}", segmentHandlers::delete);
            c.routes.get("/api/v1/segments/{id}/members", segmentHandlers::members);
            c.routes.get("/api/v1/segments/{id}/transitions", segmentHandlers::transitions);
            c.routes.post("/api/v1/segments/{id}/refresh", segmentHandlers::refresh);
            c.routes.post("/api/v1/experiments", experimentHandlers::create);
            c.routes.get("/api/v1/experiments", experimentHandlers::list);
            c.routes.get("/api/v1/experiments/{key}", experimentHandlers::get);
            c.routes.post("/api/v1/experiments/{key}/start", experimentHandlers::start);
            c.routes.post("/api/v1/experiments/{key}/stop", experimentHandlers::stop);
            c.routes.post("/api/v1/surveys", surveyHandlers::create);
            c.routes.get("/api/v1/surveys", surveyHandlers::list);
            c.routes.get("/api/v1/surveys/{id}", surveyHandlers::get);
            c.routes.put("/api/v1/surveys/{id}", surveyHandlers::update);
            c.routes.delete("/api/v1/surveys/{id}", surveyHandlers::delete);
            c.routes.get("/api/v1/surveys/{id}/form", surveyHandlers::form);
            // sites, apps and emails call the write-key routes from the browser, like they send events: a variant, a
            // visitor's recommendations, their in-app messages
            for (String route : AccessPolicy.WRITE_KEY_ROUTES) {
                for (String path : List.of(route, route + "/*")) {
                    c.routes.before(path, WaymarkServer::cors);
                    c.routes.options(path, ctx -> ctx.status(204));
                }
            }
            c.routes.get("/api/v1/decide", experimentHandlers::decide);
            c.routes.get("/api/v1/recommendations", this::recommendations);
            // links in emails: no login, the signed token is the credential (TrackingHandlers)
            c.routes.get("/t/open/{token}", trackingHandlers::open);
            c.routes.get("/t/click/{token}", trackingHandlers::click);
            c.routes.get("/unsubscribe/{token}", trackingHandlers::confirmUnsubscribe);
            c.routes.post("/unsubscribe/{token}", trackingHandlers::unsubscribe);
            c.routes.get("/api/v1/journey-templates", journeyHandlers::templates);
            c.routes.post("/api/v1/journeys", journeyHandlers::create);
            c.routes.get("/api/v1/journeys", journeyHandlers::list);
            c.routes.get("/api/v1/journeys/{key}", journeyHandlers::get);
            c.routes.put("/api/v1/journeys/{key}", journeyHandlers::update);
            c.routes.delete("/api/v1/journeys/{key}", journeyHandlers::delete);
            c.routes.post("/api/v1/journeys/{key}/start", journeyHandlers::start);
            c.routes.post("/api/v1/journeys/{key}/stop", journeyHandlers::stop);
            c.routes.get("/api/v1/journeys/{key}/stats", journeyHandlers::stats);
            c.routes.get("/api/v1/messages", journeyHandlers::messages);
            c.routes.post("/api/v1/messages/{id}/seen", journeyHandlers::seen);
            c.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            c.routes.get("/", dashboard::page);
            c.routes.get("/login", dashboard::page);
            c.routes.get("/assets/*", dashboard::asset);
            c.routes.exception(WaymarkException.class, (e, ctx) -> error(ctx, e));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, new WaymarkException(ErrorCode.INTERNAL, "internal error; see the server log"));
            });
            c.routes.error(404, "application/json", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, new WaymarkException(ErrorCode.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path()));
                }
            });
        });
    }

    public WaymarkServer start() {
        app.start();
        liveEvents.start();
        segmentRefresher.start(SegmentRefresher.CHECK_EVERY);
        journeyTicker.start();
        return this;
    }

    /**
     * Email and webhook channels over this server's store and recommender (emails recommend what
     * {@code GET /api/v1/recommendations} does); the caller closes them. The server builds its own from the
     * {@code channelsConfig} it is given; tests that need the server's port in links build theirs here.
     */
    public Channels channels(ChannelsConfig config) {
        return new Channels(config, collector.store(), this::recommend, clock);
    }

    /** The configured channels (email when SMTP is set, webhook) and the caller's, by name; the caller's win. */
    private static List<Channel> channelsOn(Channels configured, List<Channel> extra) {
        List<Channel> out = new java.util.ArrayList<>(configured.byName().values());
        out.addAll(extra);
        return out;
    }

    private List<RecommendationsResult.Item> recommend(String personId, int n) {
        ObjectNode spec = Json.MAPPER.createObjectNode().put("kind", "recommendations").put("personId", personId).put("n", n);
        return ((RecommendationsResult) queries.run(specs.parse(spec))).items();
    }

    /** Runs one journey scheduler pass now (what the background thread runs every {@code tickEvery}). */
    public int tickJourneys() {
        return journeyScheduler.tick();
    }

    /** Refreshes saved segments now if new data arrived or they are older than their maximum age (what the schedule runs). */
    boolean refreshSegmentsIfDue() {
        return segmentRefresher.refreshIfDue();
    }

    public int port() {
        return app.port();
    }

    /** Any site may send events (the write key authenticates them); no cookies are involved. */
    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Encoding");
        ctx.header("Access-Control-Max-Age", "86400");
    }

    /**
     * On a loopback bind, refusing foreign Host headers stops a web page from reaching the API through DNS
     * rebinding (and from guessing logins there).
     */
    private void loopbackHostOnly(Context ctx) {
        if (!loopbackBind) {
            return;
        }
        String host = ctx.host() == null ? "" : ctx.host().toLowerCase(java.util.Locale.ROOT);
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        if (!(name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]"))) {
            throw new WaymarkException(ErrorCode.FORBIDDEN, "Host", "this server only answers requests for localhost");
        }
    }

    private void single(Context ctx, EventType type) {
        var body = RequestBodies.readJson(ctx, SegmentProtocol.MAX_EVENT_BYTES);
        String source = writeKeys.authenticate(ctx.header("Authorization"), body.json());
        IngestResult r = collector.ingest(List.of(body.json()), type, envelope(ctx, source, null, null));
        if (!r.rejected().isEmpty()) {
            var rej = r.rejected().get(0);
            throw new WaymarkException(ErrorCode.valueOf(rej.code()), rej.field(), rej.message());
        }
        ctx.json(r.forgotten() > 0 ? Map.of("success", true, "forgotten", r.forgotten()) : Map.of("success", true));
    }

    /**
     * Most bodies are read in one streaming pass and their messages' JSON objects copied into the
     * log as bytes ({@link StreamingBatchReader}); the reader leaves the rest (invalid bodies,
     * a batch-level context, duplicate keys) to the tree path, with the same checks and errors.
     */
    private void batch(Context ctx) {
        byte[] bytes = RequestBodies.readBytes(ctx, ServerConfig.MAX_REQUEST_BYTES);
        StreamingBatchReader.Batch streamed = StreamingBatchReader.read(bytes);
        IngestResult r = streamed != null ? ingestStreamed(ctx, streamed) : ingestTree(ctx, RequestBodies.parse(bytes));
        var out = Json.MAPPER.createObjectNode();
        // every message is accepted, a duplicate, forgotten or rejected
        boolean allRejected = r.accepted() == 0 && r.duplicates() == 0 && r.forgotten() == 0 && !r.rejected().isEmpty();
        out.put("success", !allRejected);
        out.put("accepted", r.accepted());
        out.put("duplicates", r.duplicates());
        out.put("forgotten", r.forgotten());
        out.set("rejected", Json.MAPPER.valueToTree(r.rejected()));
        if (allRejected) {
            var first = r.rejected().get(0);
            out.set("error", errorBody(first.code(), "batch[" + first.index() + "]." + first.field(), first.message()));
        }
        ctx.status(allRejected ? 400 : 200).json(out);
    }

    private IngestResult ingestStreamed(Context ctx, StreamingBatchReader.Batch batch) {
        String source = writeKeys.authenticate(ctx.header("Authorization"), batch.writeKey());
        Instant sentAt = SegmentProtocol.instantValue(batch.sentAt(), "sentAt");
        return collector.ingest(batch, envelope(ctx, source, null, sentAt));
    }

    private IngestResult ingestTree(Context ctx, JsonNode json) {
        String source = writeKeys.authenticate(ctx.header("Authorization"), json);
        JsonNode items = json.get("batch");
        if (items == null || items.isNull()) {
            throw WaymarkException.missing("batch");
        }
        if (!items.isArray()) {
            throw WaymarkException.invalid("batch", "'batch' must be an array of messages");
        }
        JsonNode context = json.get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            throw WaymarkException.invalid("context", "'context' must be a JSON object");
        }
        Instant sentAt = SegmentProtocol.instant(json, "sentAt");
        var messages = new ArrayList<JsonNode>(items.size());
        items.forEach(messages::add);
        return collector.ingest(messages, null, envelope(ctx, source, context instanceof ObjectNode o ? o : null, sentAt));
    }

    private SegmentProtocol.Envelope envelope(Context ctx, String source, ObjectNode batchContext, Instant sentAt) {
        return new SegmentProtocol.Envelope(source, batchContext, sentAt, clock.instant(), ctx.ip());
    }

    private void query(Context ctx) {
        var body = RequestBodies.readJson(ctx, MAX_QUERY_BYTES);
        ctx.json(queries.run(specs.parse(body.json())));
    }

    /**
     * Spend as JSON ({@code {"spend":[{date, channel, campaign, cost, currency}]}}) or as a {@code text/csv} body like
     * {@code waymark import-spend}. All-or-nothing, unlike the CLI: a program posting spend gets the first error
     * ({@code spend[3].cost}, or the line of the CSV) and nothing is stored, so it can fix and resend the whole request.
     */
    private void spend(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        List<SpendEntry> entries;
        if (type.startsWith("text/csv")) {
            var parsed = SpendImporter.parseCsv(new java.io.StringReader(RequestBodies.readText(ctx, ServerConfig.MAX_REQUEST_BYTES)));
            if (!parsed.errors().isEmpty()) {
                var first = parsed.errors().get(0);
                throw WaymarkException.invalid(first.field(), "line " + first.line() + ": " + first.message());
            }
            entries = parsed.entries();
        } else {
            entries = SpendImporter.parseJson(RequestBodies.readJson(ctx, ServerConfig.MAX_REQUEST_BYTES).json());
        }
        ctx.json(Map.of("success", true, "imported", spendImporter.store(entries)));
    }

    /** {@code ?q=TEXT} or {@code ?trait=key=value}, {@code &limit=N}: the {@code persons} query kind. */
    private void searchPersons(Context ctx) {
        ObjectNode spec = Json.MAPPER.createObjectNode().put("kind", "persons");
        for (String p : List.of("q", "trait")) {
            if (ctx.queryParam(p) != null) {
                spec.put(p, ctx.queryParam(p));
            }
        }
        integer(ctx, spec, "limit");
        ctx.json(queries.run(specs.parse(spec)));
    }

    /** The {@code profile} query kind by person id; {@code ?limit=N} caps the timeline. */
    private void profile(Context ctx) {
        ObjectNode spec = Json.MAPPER.createObjectNode().put("kind", "profile").put("personId", ctx.pathParam("personId"));
        integer(ctx, spec, "limit");
        ctx.json(queries.run(specs.parse(spec)));
    }

    /**
     * {@code GET /api/v1/recommendations?userId=…|anonymousId=…|personId=…&n=…&segment=…}, authenticated by a source's write
     * key (Basic or {@code writeKey}) like {@code /api/v1/decide}; the parameters become a {@code recommendations} spec, so
     * errors name the same fields.
     */
    private void recommendations(Context ctx) {
        writeKeys.authenticate(ctx.header("Authorization"), ctx.queryParam("writeKey"));
        ObjectNode spec = Json.MAPPER.createObjectNode().put("kind", "recommendations");
        for (String f : List.of("userId", "anonymousId", "personId", "segment")) {
            if (ctx.queryParam(f) != null) {
                spec.put(f, ctx.queryParam(f));
            }
        }
        integer(ctx, spec, "n");
        String exclude = ctx.queryParam("excludePurchased");
        if (exclude != null && (exclude.equals("true") || exclude.equals("false"))) {
            spec.put("excludePurchased", Boolean.parseBoolean(exclude));
        } else if (exclude != null) {
            spec.put("excludePurchased", exclude);
        }
        ctx.json(queries.run(specs.parse(spec)));
    }

    /** {@link #recommend} as plain maps, what journey messages carry to every channel. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> recommendationsFor(String personId, int n) {
        return Json.MAPPER.convertValue(recommend(personId, n), List.class);
    }

    /** An integer parameter goes to the spec as a number when it is one, so the spec parser judges it and names it. */
    private static void integer(Context ctx, ObjectNode spec, String name) {
        String value = ctx.queryParam(name);
        if (value != null) {
            if (value.matches("\\d{1,9}")) {
                spec.put(name, Integer.parseInt(value));
            } else {
                spec.put(name, value);
            }
        }
    }

    private void exportPerson(Context ctx) {
        ctx.json(queries.export(ProfileSpec.Lookup.PERSON_ID, ctx.pathParam("personId")));
    }

    private void forgetPerson(Context ctx) {
        ForgetReport report = collector.forget(ProfileSpec.Lookup.PERSON_ID, ctx.pathParam("personId"));
        ObjectNode out = Json.MAPPER.valueToTree(report);
        out.put("success", true);
        ctx.json(out);
    }

    private void status(Context ctx) {
        ctx.json(Map.of("durableOffset", collector.durableOffset(), "loadedOffset", collector.loadedOffset()));
    }

    private static void error(Context ctx, WaymarkException e) {
        RequestBodies.dropUnread(ctx);
        if (e.code() == ErrorCode.OVERLOADED) {
            ctx.header("Retry-After", "1");
        }
        var out = Json.MAPPER.createObjectNode();
        out.put("success", false);
        out.set("error", errorBody(e.code().name(), e.field(), e.getMessage()));
        ctx.status(e.code().httpStatus()).json(out);
    }

    private static ObjectNode errorBody(String code, String field, String message) {
        var err = Json.MAPPER.createObjectNode();
        err.put("code", code);
        if (field != null) {
            err.put("field", field);
        }
        err.put("message", message);
        return err;
    }

    @Override
    public void close() {
        journeyTicker.close();
        segmentRefresher.close();
        liveEvents.close();
        app.stop();
        channels.close();
    }
}
