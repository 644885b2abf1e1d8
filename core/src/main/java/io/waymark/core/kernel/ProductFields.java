package io.waymark.core.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.query.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The products of each event row, as the Segment e-commerce spec names them: a {@code product_view} or
 * {@code add_to_cart} carries one {@code properties.productId} (and {@code name}), a {@code purchase} an array
 * {@code properties.products} of {@code {productId, name, …}}. The array arrives as JSON text; each distinct text
 * is parsed once, on first use, and shared by the threads of a kernel run.
 */
final class ProductFields {
    static final String VIEW = "product_view";
    static final String ADD_TO_CART = "add_to_cart";
    static final String PURCHASE = "purchase";
    static final FieldPath PRODUCT_ID = new FieldPath(FieldPath.Root.PROPERTIES, List.of("productId"));
    static final FieldPath NAME = new FieldPath(FieldPath.Root.PROPERTIES, List.of("name"));
    static final FieldPath PRODUCTS = new FieldPath(FieldPath.Root.PROPERTIES, List.of("products"));
    private static final Line[] NONE = {};

    /** One product of a purchase: its id and name (null when the event gave none). */
    record Line(String id, String name) {
    }

    private final EventColumns columns;
    private final int viewCode;
    private final int cartCode;
    private final int purchaseCode;
    private final StringColumn productId;
    private final StringColumn name;
    private final StringColumn products;
    private final AtomicReferenceArray<Line[]> parsed;

    ProductFields(EventColumns columns) {
        this.columns = columns;
        this.viewCode = columns.eventCode(VIEW);
        this.cartCode = columns.eventCode(ADD_TO_CART);
        this.purchaseCode = columns.eventCode(PURCHASE);
        columns.prefetch(Set.of(PRODUCT_ID, NAME, PRODUCTS));
        this.productId = columns.field(PRODUCT_ID);
        this.name = columns.field(NAME);
        this.products = columns.field(PRODUCTS);
        this.parsed = new AtomicReferenceArray<>(products.distinct());
    }

    /** The product viewed (or put in the cart) at {@code row}, or null when the row is no such event. */
    String viewed(int row) {
        int e = columns.event(row);
        return e >= 0 && (e == viewCode || e == cartCode) ? productId.value(row) : null;
    }

    /** The name given with the product viewed at {@code row}, or null. */
    String viewedName(int row) {
        return name.value(row);
    }

    /** The products bought at {@code row}; empty when the row is no purchase or names none. */
    Line[] bought(int row) {
        if (purchaseCode < 0 || columns.event(row) != purchaseCode) {
            return NONE;
        }
        return lines(products.code(row));
    }

    /** How many distinct {@code products} texts there are: {@link #lines} takes 0 to this minus 1. */
    int productTexts() {
        return products.distinct();
    }

    /** The parsed products of one distinct {@code properties.products} text (by its dictionary code). */
    Line[] lines(int code) {
        if (code == StringColumn.MISSING) {
            return NONE;
        }
        Line[] l = parsed.get(code);
        if (l == null) {
            l = parse(products.valueOf(code));
            parsed.set(code, l);
        }
        return l;
    }

    /** The distinct {@code properties.productId} values of any event (a view's product ids are among them). */
    List<String> productIds() {
        List<String> out = new ArrayList<>(productId.distinct());
        for (int c = 0; c < productId.distinct(); c++) {
            out.add(productId.valueOf(c));
        }
        return out;
    }

    /** Products without a usable productId are skipped: a purchase may list anything. */
    private static Line[] parse(String text) {
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return NONE;
        }
        if (array == null || !array.isArray()) {
            return NONE;
        }
        List<Line> out = new ArrayList<>(array.size());
        for (JsonNode p : array) {
            JsonNode id = p.get("productId");
            if (id != null && id.isValueNode() && !id.isNull() && !id.asText().isEmpty()) {
                JsonNode n = p.get("name");
                out.add(new Line(id.asText(), n != null && n.isTextual() ? n.asText() : null));
            }
        }
        return out.toArray(Line[]::new);
    }
}
