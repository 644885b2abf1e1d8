package io.waymark.core.demo;

/** Where in a category's price range a persona tends to shop. */
enum PricePreference {
    CHEAP, ANY, PREMIUM
}
