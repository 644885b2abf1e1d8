package io.waymark.core.demo;

import java.util.Locale;

/** One catalogue item; {@code price} in EUR. */
record Product(String id, String name, String category, double price) {

    /** What a shopper would type to find it: the product noun, e.g. "headphones". */
    String searchTerm() {
        return name.substring(name.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
    }
}
