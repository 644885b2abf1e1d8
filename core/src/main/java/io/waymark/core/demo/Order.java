package io.waymark.core.demo;

import java.util.List;

/** A completed purchase: what the after-sales story (delivery, return, review, survey) refers to. */
record Order(String orderId, long time, double revenue, List<Line> lines, String coupon) {

    /** One basket line. */
    record Line(Product product, int quantity) {
        double amount() {
            return product.price() * quantity;
        }
    }
}
