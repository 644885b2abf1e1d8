package io.waymark.core.demo;

import static io.waymark.core.demo.Messages.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The storyline of one web or app visit: land, maybe log in or sign up, browse and search,
 * fill a cart, and go through checkout. The checkout holds the planted pain point: on mobile
 * devices the shipping step loads for seconds and far fewer people continue to payment.
 */
final class SessionSimulator {
    /** Share of people continuing from checkout start to the shipping step (all devices). */
    static final double CONTINUE_TO_SHIPPING = 0.85;
    /** The pain point: continuing from shipping to payment, on phones vs. everywhere else. */
    static final double CONTINUE_TO_PAYMENT_MOBILE = 0.45;
    static final double CONTINUE_TO_PAYMENT_OTHER = 0.80;
    static final double CONTINUE_TO_PURCHASE = 0.88;
    /** A shipping step that takes this long to load is remembered as a bad experience. */
    static final long SLOW_LOAD_MILLIS = 3_000;

    static final String EXPOSURE = "$experiment_exposure";

    private final Catalog catalog;
    private final Aftercare aftercare;
    private final CartReminders reminders;
    private final long experimentStart;
    private final long experimentEnd;

    /** @param end the end of the simulated window: the demo experiment runs in its last {@link DemoExperiment#DAYS} days */
    SessionSimulator(Catalog catalog, Aftercare aftercare, CartReminders reminders, long end) {
        this.reminders = reminders;
        this.experimentStart = end - DemoExperiment.DAYS * IsoTime.DAY;
        this.experimentEnd = end;
        this.catalog = catalog;
        this.aftercare = aftercare;
    }

    /** Simulates a visit starting at {@code start} and returns the time of its last message. */
    long visit(Person p, int deviceIndex, Source source, long start) {
        Session s = new Session(p, deviceIndex, source, start);
        p.visits++;
        if (p.visits == 1) {
            plantPersona(s);
        }
        List<Order.Line> cart = new ArrayList<>();
        boolean onProduct = land(s, cart);
        if (!onProduct && Draw.chance(p.rng, BOUNCE_FROM_PAGE)) {
            // leaves from the landing page without doing anything: a bounce
            return s.time;
        }
        if (p.identified()) {
            if (p.visits == p.migrationVisit) {
                migrateAccount(s);
            } else if (!p.loggedIn(deviceIndex)) {
                logIn(s);
            }
            writeDueReview(s);
        } else if (p.willIdentify && p.visits >= p.signupVisit) {
            signUp(s);
        }
        browse(s, cart);
        double checkoutChance = p.persona.shopping.checkoutGivenCart();
        if (p.savedCart != null) {
            // back to finish the order abandoned at the slow mobile shipping step
            cart = p.savedCart;
            p.savedCart = null;
            checkoutChance = 0.8;
        }
        if (!cart.isEmpty()) {
            if (s.source != Source.CART_REMINDER) {
                s.view("Cart", "/cart", "Your cart", null);
                s.pause(15);
            }
            boolean bought = false;
            if (Draw.chance(p.rng, checkoutChance)) {
                if (p.willIdentify && !p.identified()) {
                    signUp(s);
                }
                bought = checkout(s, cart);
            }
            if (!bought && reminders.enters(p, s.time)) {
                p.abandonedCart = new CartReminders.AbandonedCart(s.time, List.copyOf(cart), p.orderCount());
            }
        }
        p.reminderCoupon = null;
        return s.time;
    }

    /**
     * The ground truth for clustering, as an anonymous identify on the first visit: every person
     * carries it, including those who never sign up or whose sign-up falls after the window.
     */
    private static void plantPersona(Session s) {
        ObjectNode traits = JSON.objectNode();
        traits.put("plantedPersona", s.person.persona.wireName);
        s.identify(traits);
        s.advance(50 + s.rng().nextInt(400));
    }

    /**
     * Share of visits landing on a page without a product (home, deals, a category) that end right
     * there; with the product landings, which never bounce here, the overall bounce rate comes out
     * in the 20-30% that Google Analytics benchmarks report for online shops.
     */
    private static final double BOUNCE_FROM_PAGE = 0.4;

    /**
     * Ads link to a product, social posts and half of the search results to a category, the newsletter to its deals.
     * Returns whether the visit landed on a product (a product view is an interaction, so it cannot bounce).
     */
    private boolean land(Session s, List<Order.Line> cart) {
        SplittableRandom r = s.rng();
        switch (s.source) {
            case GOOGLE_BRAND, GOOGLE_GENERIC, META_PROSPECTING, META_RETARGETING -> {
                viewProduct(s, anyProduct(s), cart);
                return true;
            }
            case ORGANIC -> {
                if (Draw.chance(r, 0.5)) {
                    viewProduct(s, anyProduct(s), cart);
                    return true;
                }
                viewCategory(s, Draw.weighted(r, s.person.persona.shopping.categoryWeights()));
            }
            case INSTAGRAM, TIKTOK -> viewCategory(s, Draw.weighted(r, s.person.persona.shopping.categoryWeights()));
            case CART_REMINDER -> {
                // the reminder links to the cart it shows
                s.view("Cart", "/cart", "Your cart", null);
                s.pause(15);
                return true;
            }
            case NEWSLETTER -> {
                s.view("Deals", "/deals", "This week's deals", null);
                s.pause(20);
            }
            case DIRECT, REFERRAL -> {
                s.view("Home", "/", "Waymark Shop", null);
                s.pause(12);
            }
        }
        return false;
    }

    private void browse(Session s, List<Order.Line> cart) {
        Persona.Shopping shopping = s.person.persona.shopping;
        SplittableRandom r = s.rng();
        // at least one product per visit; a long tail of heavy browsing sessions
        int views = 1 + (int) Math.min(40, Draw.exponential(r, shopping.meanProductViews() - 1));
        for (int i = 0; i < views; i++) {
            int category = Draw.weighted(r, shopping.categoryWeights());
            Product product = catalog.pick(r, category, shopping.price());
            if (Draw.chance(r, shopping.searchPerView())) {
                search(s, product);
            } else if (Draw.chance(r, 0.3)) {
                viewCategory(s, category);
            }
            viewProduct(s, product, cart);
        }
    }

    private Product anyProduct(Session s) {
        Persona.Shopping shopping = s.person.persona.shopping;
        return catalog.pick(s.rng(), Draw.weighted(s.rng(), shopping.categoryWeights()), shopping.price());
    }

    private static void viewCategory(Session s, int category) {
        String name = Catalog.CATEGORIES.get(category);
        ObjectNode props = JSON.objectNode().put("category", name);
        s.view("Category", "/category/" + name, capitalize(name) + " | Waymark Shop", props);
        s.pause(15);
    }

    private static void search(Session s, Product product) {
        String query = searchPrefix(s) + product.searchTerm();
        s.track("search", JSON.objectNode().put("query", query));
        s.advance(300 + s.rng().nextInt(900));
        s.view("Search", "/search?q=" + query.replace(' ', '+'), "Search results", JSON.objectNode().put("query", query));
        s.pause(10);
    }

    /** Persona-typical wording, so search terms carry a signal too. */
    private static String searchPrefix(Session s) {
        if (!Draw.chance(s.rng(), 0.4)) {
            return "";
        }
        return switch (s.person.persona) {
            case BARGAIN_HUNTER -> "cheap ";
            case GIFT_BUYER -> "gift ";
            case B2B_BULK -> "bulk ";
            default -> "";
        };
    }

    private static void viewProduct(Session s, Product product, List<Order.Line> cart) {
        s.view("Product", "/product/" + product.id(), product.name() + " | Waymark Shop",
                JSON.objectNode().put("productId", product.id()));
        s.advance(200 + s.rng().nextInt(600));
        s.track("product_view", Messages.product(product).put("currency", Messages.CURRENCY));
        s.pause(35);
        maybeAddToCart(s, product, cart);
    }

    private static void maybeAddToCart(Session s, Product product, List<Order.Line> cart) {
        Persona.Shopping shopping = s.person.persona.shopping;
        SplittableRandom r = s.rng();
        if (cart.size() >= shopping.maxItems() || !Draw.chance(r, shopping.cartPerView())) {
            return;
        }
        for (Order.Line line : cart) {
            if (line.product().equals(product)) {
                return;
            }
        }
        int quantity = shopping.minQuantity() + r.nextInt(shopping.maxQuantity() - shopping.minQuantity() + 1);
        cart.add(new Order.Line(product, quantity));
        s.track("add_to_cart", Messages.product(product).put("quantity", quantity).put("currency", Messages.CURRENCY));
        s.pause(8);
    }

    /** Goes through checkout; returns whether it ended in an order. */
    private boolean checkout(Session s, List<Order.Line> cart) {
        Person p = s.person;
        SplittableRandom r = p.rng;
        double subtotal = subtotal(cart);
        // the cart page's "checkout" button starts checkout; the first checkout page is shipping
        s.track("checkout_started", JSON.objectNode()
                .put("value", Messages.money(subtotal)).put("currency", Messages.CURRENCY).put("itemCount", cart.size()));
        s.pause(20);
        if (!Draw.chance(r, CONTINUE_TO_SHIPPING)) {
            return false;
        }
        String variant = experimentVariant(s);
        boolean fast = DemoExperiment.FAST.equals(variant);
        long loadMillis = fast ? desktopLoadMillis(s) : shippingLoadMillis(s);
        if (variant != null) {
            s.track(EXPOSURE, JSON.objectNode().put("experiment", DemoExperiment.KEY).put("variant", variant));
        }
        s.view("Checkout Shipping", "/checkout/shipping", "Shipping", null);
        s.advance(loadMillis);
        s.track("checkout_shipping", JSON.objectNode()
                .put("loadTimeMs", loadMillis).put("shippingMethod", Draw.chance(r, 0.8) ? "standard" : "express"));
        if (loadMillis >= SLOW_LOAD_MILLIS) {
            p.remember(s.time, Experience.SLOW_MOBILE_CHECKOUT);
        }
        double toPayment = !s.mobile() ? CONTINUE_TO_PAYMENT_OTHER : fast ? DemoExperiment.CONTINUE_TO_PAYMENT_FAST : CONTINUE_TO_PAYMENT_MOBILE;
        if (!Draw.chance(r, toPayment)) {
            abandonAtShipping(s, cart);
            return false;
        }
        // filling in the address on a slow, re-rendering form takes much longer on the phone
        s.advance(s.mobile() ? 30_000 + (long) Draw.exponential(r, 120_000) : 8_000 + (long) Draw.exponential(r, 20_000));
        s.view("Checkout Payment", "/checkout/payment", "Payment", null);
        s.track("checkout_payment", JSON.objectNode()
                .put("paymentMethod", Draw.oneOf(r, "card", "card", "paypal", "klarna", "apple_pay")));
        s.pause(25);
        if (!Draw.chance(r, CONTINUE_TO_PURCHASE)) {
            return false;
        }
        purchase(s, cart, subtotal);
        return true;
    }

    /** Phones: 2.5 s and up (a heavy address-validation script); elsewhere about 400 ms. */
    private static long shippingLoadMillis(Session s) {
        return s.mobile() ? Math.min(15_000, 2_500 + (long) Draw.exponential(s.rng(), 3_500)) : desktopLoadMillis(s);
    }

    private static long desktopLoadMillis(Session s) {
        return Math.min(2_500, 250 + (long) Draw.exponential(s.rng(), 150));
    }

    /** The demo experiment's variant of a phone session at the shipping step in the experiment's days, else null. */
    private String experimentVariant(Session s) {
        if (!s.mobile() || s.time < experimentStart || s.time >= experimentEnd) {
            return null;
        }
        // sticky like /api/v1/decide: a person keeps the variant they were first served, also after signing up
        if (s.person.experimentVariant == null) {
            s.person.experimentVariant = DemoExperiment.variant(s.userId() != null ? s.userId() : s.anonymousId());
        }
        return s.person.experimentVariant;
    }

    private void abandonAtShipping(Session s, List<Order.Line> cart) {
        Person p = s.person;
        if (s.mobile() && Draw.chance(p.rng, 0.4)) {
            p.savedCart = cart;
        }
        if (Draw.chance(p.rng, 0.15)) {
            aftercare.exitSurvey(p, s.time + Draw.between(p.rng, IsoTime.MINUTE, 10 * IsoTime.MINUTE), s.anonymousId(), s.userId());
        }
    }

    private void purchase(Session s, List<Order.Line> cart, double subtotal) {
        Person p = s.person;
        SplittableRandom r = p.rng;
        String coupon = coupon(p);
        double discount = switch (coupon == null ? "" : coupon) {
            case "SAVE10" -> 0.10;
            case "WELCOME15" -> 0.15;
            case "FLASH20" -> 0.20;
            case DemoJourney.OFFER_COUPON -> 0.10;
            default -> 0.0;
        };
        Order order = new Order(p.nextOrderId(), s.time, Messages.money(subtotal * (1 - discount)), List.copyOf(cart), coupon);
        ObjectNode props = JSON.objectNode();
        props.put("orderId", order.orderId()).put("revenue", order.revenue()).put("currency", Messages.CURRENCY);
        props.set("products", Messages.products(cart));
        if (coupon != null) {
            props.put("coupon", coupon).put("discount", Messages.money(subtotal * discount));
        }
        s.track("purchase", props);
        s.advance(800 + r.nextInt(1500));
        s.view("Order Confirmation", "/checkout/confirmation", "Thank you for your order",
                JSON.objectNode().put("orderId", order.orderId()));
        aftercare.onlineOrder(p, order);
        if (p.identified() && Draw.chance(r, p.persona.loyalty.referralProbability())) {
            s.pause(20);
            s.track("referral", JSON.objectNode()
                    .put("referralCode", "REF-" + p.userId.toUpperCase(Locale.ROOT))
                    .put("via", Draw.oneOf(r, "whatsapp", "email", "link")));
        }
    }

    private static String coupon(Person p) {
        SplittableRandom r = p.rng;
        if (p.reminderCoupon != null) {
            return p.reminderCoupon;
        }
        if (p.orderCount() == 0 && Draw.chance(r, 0.3)) {
            return "WELCOME15";
        }
        if (!Draw.chance(r, p.persona.shopping.couponProbability())) {
            return null;
        }
        return p.persona == Persona.BARGAIN_HUNTER ? Draw.oneOf(r, "SAVE10", "FLASH20") : "SAVE10";
    }

    private static double subtotal(List<Order.Line> cart) {
        double sum = 0;
        for (Order.Line line : cart) {
            sum += line.amount();
        }
        return sum;
    }

    private static void signUp(Session s) {
        Person p = s.person;
        s.view("Sign Up", "/signup", "Create your account", null);
        s.pause(40);
        p.userId = "u-" + (100_000 + p.index);
        p.signedUpAt = s.time;
        p.logIn(s.deviceIndex);
        ObjectNode traits = JSON.objectNode();
        traits.put("email", p.email).put("firstName", p.firstName).put("lastName", p.lastName)
                .put("name", p.firstName + " " + p.lastName).put("plantedPersona", p.persona.wireName)
                .put("createdAt", IsoTime.format(s.time)).put("city", p.city.name()).put("country", p.city.country())
                .put("timezone", p.city.zone().getId()).put("emailOptIn", p.newsletterOptIn);
        if (p.company != null) {
            traits.put("company", p.company);
        }
        s.identify(traits);
        s.advance(100 + s.rng().nextInt(300));
        s.track("signup", JSON.objectNode().put("method", Draw.oneOf(s.rng(), "email", "email", "google", "apple")));
        s.pause(5);
    }

    /** A known person on a device that has not seen their user id yet. */
    private static void logIn(Session s) {
        s.view("Log In", "/login", "Log in", null);
        s.pause(15);
        s.person.logIn(s.deviceIndex);
        s.identify(JSON.objectNode().put("email", s.person.email));
        s.pause(3);
    }

    /**
     * Account migration: the back end aliases the old user id to a new one (Segment's alias call),
     * then the person's device identifies with the new id. The alias carries no anonymous id, so
     * the merge of the two user ids rests on the alias alone, never on a shared device.
     */
    private static void migrateAccount(Session s) {
        Person p = s.person;
        String previous = p.userId;
        p.userId = previous + "-m";
        p.logOutEverywhere();
        p.logIn(s.deviceIndex);
        ObjectNode alias = Messages.message("alias", null, p.userId);
        alias.put("previousId", previous);
        alias.set("context", Messages.serverContext(p, "other", "waymark-accounts"));
        p.emit(s.time, alias);
        s.advance(200);
        s.identify(JSON.objectNode().put("email", p.email));
        s.pause(5);
    }

    private static void writeDueReview(Session s) {
        Person p = s.person;
        Person.PendingReview review = p.reviews.peek();
        if (review == null || review.deliveredAt() > s.time) {
            return;
        }
        p.reviews.poll();
        s.view("Write Review", "/account/orders/" + review.orderId() + "/review", "Review your order", null);
        s.pause(60);
        s.track("review", JSON.objectNode().put("orderId", review.orderId()).put("productId", review.product().id())
                .put("rating", Feedback.rating(p.persona, p.moodAt(s.time), s.rng())));
        s.pause(5);
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
