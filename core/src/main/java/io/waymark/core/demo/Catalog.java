package io.waymark.core.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shop's 200 products: ten categories of ten product types in two variants each. The
 * catalogue uses its own fixed seed, so product ids, names and prices are the same whatever demo
 * seed is chosen and datasets from different seeds can be compared product by product.
 */
final class Catalog {
    static final List<String> CATEGORIES = List.of(
            "electronics", "home", "fashion", "beauty", "sports", "toys", "books", "kitchen", "office", "garden");

    private static final long CATALOG_SEED = 0x57A7_CA7AL;
    private static final String[] STYLES = {
        "Classic", "Pro", "Eco", "Urban", "Nordic", "Smart", "Compact", "Deluxe", "Studio", "Everyday"};
    private static final String[][] TYPES = {
        {"Headphones", "Earbuds", "Speaker", "Smartwatch", "Charger", "Power Bank", "Keyboard", "Mouse", "Monitor", "Webcam"},
        {"Lamp", "Cushion", "Throw Blanket", "Vase", "Mirror", "Rug", "Candle Set", "Picture Frame", "Wall Clock", "Storage Box"},
        {"Sneakers", "Jacket", "Hoodie", "Jeans", "Scarf", "T-Shirt", "Dress", "Backpack", "Belt", "Cap"},
        {"Face Cream", "Serum", "Perfume", "Lipstick", "Shampoo", "Body Lotion", "Hair Dryer", "Nail Kit", "Sunscreen", "Face Mask"},
        {"Yoga Mat", "Dumbbells", "Running Shoes", "Water Bottle", "Fitness Band", "Tennis Racket", "Bike Helmet", "Gym Bag", "Foam Roller", "Jump Rope"},
        {"Building Blocks", "Puzzle", "Plush Bear", "Board Game", "RC Car", "Doll House", "Art Set", "Train Set", "Kite", "Science Kit"},
        {"Novel", "Cookbook", "Travel Guide", "Biography", "Comic", "Poetry Collection", "Picture Book", "Atlas", "Journal", "Art Book"},
        {"Chef Knife", "Frying Pan", "Coffee Grinder", "Kettle", "Blender", "Cutting Board", "Espresso Maker", "Toaster", "Spice Rack", "Dutch Oven"},
        {"Printer Paper", "Ballpoint Pens", "Desk Organizer", "Stapler", "Office Chair", "Desk Lamp", "Sticky Notes", "File Folders", "Whiteboard", "Label Printer"},
        {"Garden Hose", "Plant Pot", "Pruning Shears", "Seed Kit", "Garden Gloves", "Solar Lights", "Watering Can", "Bird Feeder", "Lawn Sprinkler", "Compost Bin"},
    };
    /** Price range per category in EUR, drawn log-uniformly so cheap items are common. */
    private static final double[][] PRICE_RANGE = {
        {15, 600}, {8, 180}, {12, 220}, {5, 120}, {8, 250}, {10, 150}, {8, 45}, {10, 300}, {3, 250}, {6, 200}};

    private static final Catalog STANDARD = build();

    private final List<Product> products;
    /** Products of each category, cheapest first, so price preferences can pick from either end. */
    private final Product[][] byCategory;

    private Catalog(List<Product> products, Product[][] byCategory) {
        this.products = products;
        this.byCategory = byCategory;
    }

    static Catalog standard() {
        return STANDARD;
    }

    List<Product> products() {
        return products;
    }

    /** A product of the category; cheap/premium shoppers lean to the low/high end of its price range. */
    Product pick(SplittableRandom r, int category, PricePreference preference) {
        Product[] items = byCategory[category];
        int i = r.nextInt(items.length);
        if (preference == PricePreference.CHEAP) {
            i = Math.min(i, r.nextInt(items.length));
        } else if (preference == PricePreference.PREMIUM) {
            i = Math.max(i, r.nextInt(items.length));
        }
        return items[i];
    }

    private static Catalog build() {
        SplittableRandom r = new SplittableRandom(CATALOG_SEED);
        List<Product> all = new ArrayList<>();
        Product[][] byCategory = new Product[CATEGORIES.size()][];
        int number = 0;
        for (int c = 0; c < CATEGORIES.size(); c++) {
            List<Product> inCategory = new ArrayList<>();
            for (String type : TYPES[c]) {
                int first = r.nextInt(STYLES.length);
                int second = (first + 1 + r.nextInt(STYLES.length - 1)) % STYLES.length;
                for (int style : new int[] {first, second}) {
                    number++;
                    Product p = new Product(String.format("p-%03d", number), STYLES[style] + " " + type,
                            CATEGORIES.get(c), price(r, PRICE_RANGE[c]));
                    all.add(p);
                    inCategory.add(p);
                }
            }
            inCategory.sort(Comparator.comparingDouble(Product::price).thenComparing(Product::id));
            byCategory[c] = inCategory.toArray(new Product[0]);
        }
        return new Catalog(List.copyOf(all), byCategory);
    }

    /** Shop prices end in .99 (or .49 under 10 EUR). */
    private static double price(SplittableRandom r, double[] range) {
        double raw = range[0] * StrictMath.pow(range[1] / range[0], r.nextDouble());
        double whole = Math.floor(raw);
        return whole < 10 ? whole + 0.49 : whole + 0.99;
    }
}
