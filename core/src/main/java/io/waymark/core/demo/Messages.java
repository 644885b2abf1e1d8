package io.waymark.core.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;

/** Builds Segment-spec messages as the client libraries put them on the wire. */
final class Messages {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String SHOP_URL = "https://shop.waymark.example";
    static final String CURRENCY = "EUR";

    private Messages() {
    }

    /**
     * An object with room for {@code size} fields. Jackson's default map starts at 16 slots and
     * rehashes past 12; sizing it saves a good share of the generator's time.
     */
    static ObjectNode object(int size) {
        return new ObjectNode(JSON, new LinkedHashMap<>(size * 4 / 3 + 1));
    }

    /**
     * The common fields in the order clients write them. {@code messageId} and {@code timestamp}
     * are placeholders until the message is emitted: ids are numbered in output order, which is
     * only known after a person's messages are sorted by time.
     */
    static ObjectNode message(String type, String anonymousId, String userId) {
        ObjectNode m = object(9);
        m.put("type", type);
        m.putNull("messageId");
        m.putNull("timestamp");
        if (anonymousId != null) {
            m.put("anonymousId", anonymousId);
        }
        if (userId != null) {
            m.put("userId", userId);
        }
        return m;
    }

    static ObjectNode track(String event, String anonymousId, String userId, ObjectNode properties, ObjectNode context) {
        ObjectNode m = message("track", anonymousId, userId);
        m.put("event", event);
        m.set("properties", properties);
        m.set("context", context);
        return m;
    }

    /**
     * Context of a message sent by a back-office system (POS, help desk, e-mail, survey tool,
     * fulfilment). The explicit {@code channel} tells Waymark where the touchpoint happened, since
     * such systems have no page or device to infer it from.
     */
    static ObjectNode serverContext(Person person, String channel, String library) {
        ObjectNode c = object(5);
        c.put("channel", channel);
        c.set("library", object(2).put("name", library).put("version", "1.0.0"));
        c.put("locale", person.city.locale());
        c.put("timezone", person.city.zone().getId());
        return c;
    }

    static ObjectNode campaign(Campaign campaign) {
        ObjectNode c = object(3);
        c.put("source", campaign.source());
        c.put("medium", campaign.medium());
        c.put("name", campaign.name());
        return c;
    }

    static ObjectNode product(Product product) {
        ObjectNode p = object(6);
        p.put("productId", product.id());
        p.put("name", product.name());
        p.put("category", product.category());
        p.put("price", product.price());
        return p;
    }

    static ArrayNode products(List<Order.Line> lines) {
        ArrayNode a = JSON.arrayNode(lines.size());
        for (Order.Line line : lines) {
            a.add(product(line.product()).put("quantity", line.quantity()));
        }
        return a;
    }

    /** Rounds to cents; money is a double on the wire, as in Segment's e-commerce spec. */
    static double money(double amount) {
        return Math.round(amount * 100.0) / 100.0;
    }
}
