package io.waymark.core.kernel;

import io.waymark.core.event.EventType;
import io.waymark.core.query.KpiSpec;
import io.waymark.core.query.PersonasSpec;
import io.waymark.core.query.PersonasSpec.Group;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One behavioural feature vector per person in scope (the {@link PersonaFeature}s of the spec's groups, in their
 * order), plus the facts the persona descriptions sum up. Visits are cut by {@link Visits}, the rule of the sessions,
 * attribution and KPI kernels. Per person:
 * <ul>
 *   <li>channels: share of visits whose first event came from each channel;
 *   <li>devices: share of the events with a {@code context.device.type} that came from a mobile device (phones and
 *       the app; tablets and desktops are the rest: one share, since most persons use one device and one-hot device
 *       columns would make k-means split persons by device alone);
 *   <li>time: share of visits starting at night (0-6 h), in the morning, afternoon and evening (18-24 h), and on
 *       Saturday or Sunday, in the spec's time zone;
 *   <li>rfm: days from the last visit-making event to {@code to} (or to the latest event in the data), orders
 *       ({@code purchase} events), their revenue and the average order value (undefined without orders);
 *   <li>categories: share of the events carrying a {@code properties.category} per category (the most common ones);
 *   <li>discounts: share of orders with a {@code properties.coupon} (undefined without orders), and the geometric mean
 *       of the {@code properties.price} of the products the person looked at (price sensitivity);
 *   <li>sessions: visits, page and screen views per visit, minutes from first to last event of a visit;
 *   <li>cart: share of visits with an {@code add_to_cart} that end without a purchase (undefined without one; the
 *       cart abandonment of Baymard's benchmark, counted per visit), and such visits per visit.
 * </ul>
 * Undefined values are NaN; {@link PersonaClustering} reads them as "no signal". No trait and no identify call is read:
 * personas describe behaviour only.
 */
final class PersonaFeaturesKernel implements PersonKernel<PersonaFeaturesKernel.Acc, PersonaTable> {
    static final String ADD_TO_CART = "add_to_cart";
    private static final long MINUTE = 60_000_000L;
    private static final long DAY = 86_400_000_000L;

    private final EventColumns columns;
    private final Set<Group> groups;
    private final int width;
    private final Visits visits;
    private final int purchase;
    private final int addToCart;
    private final long endMicros;
    private final java.time.ZoneId zone;
    private final StringColumn device;
    /** Per device-type code (index {@code distinct()}: missing), whether it is a mobile device. */
    private final boolean[] mobile;
    private final StringColumn category;
    /** Per category code, its feature index among {@code categories}, -1 for the rare ones. */
    private final int[] categoryIndex;
    private final int categories;
    private final StringColumn coupon;
    private final StringColumn price;
    private final StageMatcher stages;

    /**
     * @param categories the category values that are features ({@link #commonCategories})
     * @param endMicros the time recency is measured to
     */
    PersonaFeaturesKernel(PersonasSpec spec, EventColumns columns, List<String> categories, long endMicros) {
        this.columns = columns;
        this.groups = spec.features();
        this.width = PersonaFeature.of(groups, categories).size();
        this.visits = new Visits(columns);
        this.purchase = columns.eventCode(KpiSpec.PURCHASE);
        this.addToCart = columns.eventCode(ADD_TO_CART);
        this.endMicros = endMicros;
        this.zone = spec.scope().timezone();
        this.device = columns.field(PersonasSpec.DEVICE_TYPE);
        this.mobile = device.matching("mobile"::equals);
        this.category = columns.field(PersonasSpec.CATEGORY);
        this.categoryIndex = indexes(category, categories);
        this.categories = categories.size();
        this.coupon = columns.field(PersonasSpec.COUPON);
        this.price = columns.field(PersonasSpec.PRICE);
        this.stages = new StageMatcher(DefaultStageRules.get(), columns);
    }

    /** The (at most {@link PersonaFeature#MAX_CATEGORIES}) most frequent {@code properties.category} values, ties by name. */
    static List<String> commonCategories(EventColumns columns) {
        StringColumn c = columns.field(PersonasSpec.CATEGORY);
        long[] counts = new long[c.distinct()];
        for (int row = 0; row < c.rows(); row++) {
            int code = c.code(row);
            if (code != StringColumn.MISSING) {
                counts[code]++;
            }
        }
        return java.util.stream.IntStream.range(0, counts.length).boxed()
                .sorted(java.util.Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(c::valueOf))
                .limit(PersonaFeature.MAX_CATEGORIES).map(c::valueOf).toList();
    }

    private static int[] indexes(StringColumn column, List<String> values) {
        int[] out = new int[column.distinct()];
        for (int code = 0; code < out.length; code++) {
            out[code] = values.indexOf(column.valueOf(code));
        }
        return out;
    }

    /** Rows of one partition, in person order. */
    static final class Acc {
        final PersonaTable.Builder table;
        final LocalCalendar calendar;
        final int[] counters;
        int[] visitStarts = new int[64];
        final Scratch scratch;
        final float[] vector;

        Acc(PersonaTable.Builder table, LocalCalendar calendar, int conditions, int categories, int width) {
            this.table = table;
            this.vector = new float[width];
            this.calendar = calendar;
            this.counters = new int[conditions];
            this.scratch = new Scratch(categories);
        }
    }

    /** One person's counts, reused from person to person. */
    private static final class Scratch {
        final int[] channelVisits = new int[PersonaFeature.CHANNELS.size()];
        final int[] dayPart = new int[PersonaFeature.DAY_PARTS.length];
        final int[] categoryEvents;
        int withDevice;
        int mobileEvents;
        int withCategory;
        int weekend;
        int visits;
        int pages;
        long visitMicros;
        int orders;
        int couponOrders;
        int priced;
        double logPrices;
        double revenue;
        int cartVisits;
        int abandoned;
        long lastMicros;

        Scratch(int categories) {
            categoryEvents = new int[categories];
        }

        void clear() {
            Arrays.fill(channelVisits, 0);
            Arrays.fill(dayPart, 0);
            Arrays.fill(categoryEvents, 0);
            withDevice = mobileEvents = withCategory = weekend = visits = pages = orders = couponOrders = cartVisits = abandoned = priced = 0;
            visitMicros = 0;
            revenue = logPrices = 0;
            lastMicros = Long.MIN_VALUE;
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(new PersonaTable.Builder(width), new LocalCalendar(zone), stages.conditions(), categories, width);
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        Scratch s = acc.scratch;
        s.clear();
        Arrays.fill(acc.counters, 0);
        int[] start = acc.visitStarts = visits.starts(events, acc.visitStarts);
        long reached = 0;
        int visitStart = -1;
        long visitFirst = 0;
        long visitLast = 0;
        boolean carted = false;
        boolean bought = false;
        for (int i = 0; i < events.size(); i++) {
            int row = events.row(i);
            int e = events.event(i);
            reached |= stages.match(events, i, acc.counters);
            countDevice(s, row);
            countCategory(s, row);
            countPrice(s, row);
            if (start[i] < 0) {
                continue;
            }
            long t = events.micros(i);
            if (start[i] != visitStart) {
                closeVisit(s, visitStart >= 0, visitLast - visitFirst, carted, bought);
                visitStart = start[i];
                visitFirst = t;
                carted = bought = false;
                openVisit(s, acc.calendar, row, t);
            }
            visitLast = t;
            s.lastMicros = t;
            EventType type = columns.type(row);
            s.pages += type == EventType.PAGE || type == EventType.SCREEN ? 1 : 0;
            if (e == purchase) {
                bought = true;
                s.orders++;
                double r = events.revenue(i);
                s.revenue += Double.isNaN(r) ? 0 : r;
                s.couponOrders += coupon.code(row) != StringColumn.MISSING ? 1 : 0;
            } else if (e == addToCart) {
                carted = true;
            }
        }
        closeVisit(s, visitStart >= 0, visitLast - visitFirst, carted, bought);
        write(s, acc.vector);
        acc.table.add(events.person(), acc.vector, s.orders, s.revenue, s.cartVisits, s.abandoned, FirstVisitPath.of(events, start),
                furthest(reached));
    }

    private void countDevice(Scratch s, int row) {
        int code = device.code(row);
        if (code != StringColumn.MISSING) {
            s.withDevice++;
            s.mobileEvents += mobile[code] ? 1 : 0;
        }
    }

    private void countCategory(Scratch s, int row) {
        int code = category.code(row);
        if (code != StringColumn.MISSING) {
            s.withCategory++;
            if (categoryIndex[code] >= 0) {
                s.categoryEvents[categoryIndex[code]]++;
            }
        }
    }

    private void countPrice(Scratch s, int row) {
        double p = price.number(row);
        if (p > 0) {
            s.priced++;
            s.logPrices += Math.log(p);
        }
    }

    private void openVisit(Scratch s, LocalCalendar calendar, int row, long t) {
        s.visits++;
        int channel = PersonaFeature.CHANNELS.indexOf(columns.channel(row).wireName());
        if (channel >= 0) {
            s.channelVisits[channel]++;
        }
        long local = calendar.localSeconds(t);
        int hour = (int) Math.floorMod(local, 86_400L) / 3600;
        for (int p = 0; p < PersonaFeature.DAY_PARTS.length; p++) {
            if (hour >= PersonaFeature.DAY_PARTS[p][0] && hour < PersonaFeature.DAY_PARTS[p][1]) {
                s.dayPart[p]++;
            }
        }
        // 1970-01-01 was a Thursday: day 2 and 3 of the week counted from it are Saturday and Sunday
        long dayOfWeek = Math.floorMod(Math.floorDiv(local, 86_400L), 7);
        s.weekend += dayOfWeek == 2 || dayOfWeek == 3 ? 1 : 0;
    }

    private static void closeVisit(Scratch s, boolean open, long micros, boolean carted, boolean bought) {
        if (!open) {
            return;
        }
        s.visitMicros += micros;
        s.cartVisits += carted ? 1 : 0;
        s.abandoned += carted && !bought ? 1 : 0;
    }

    /** The furthest stage of the default rules a person's events matched, -1 for none. */
    private static int furthest(long reached) {
        return 63 - Long.numberOfLeadingZeros(reached);
    }

    /** Writes the features in {@link PersonaFeature#of} order. */
    private void write(Scratch s, float[] out) {
        int j = 0;
        if (groups.contains(Group.CHANNELS)) {
            for (int c : s.channelVisits) {
                out[j++] = ratio(c, s.visits);
            }
        }
        if (groups.contains(Group.DEVICES)) {
            out[j++] = ratio(s.mobileEvents, s.withDevice);
        }
        if (groups.contains(Group.TIME)) {
            for (int p : s.dayPart) {
                out[j++] = ratio(p, s.visits);
            }
            out[j++] = ratio(s.weekend, s.visits);
        }
        if (groups.contains(Group.RFM)) {
            out[j++] = s.visits == 0 ? Float.NaN : (float) ((endMicros - s.lastMicros) / (double) DAY);
            out[j++] = s.orders;
            out[j++] = (float) s.revenue;
            out[j++] = s.orders == 0 ? Float.NaN : (float) (s.revenue / s.orders);
        }
        if (groups.contains(Group.CATEGORIES)) {
            for (int c : s.categoryEvents) {
                out[j++] = ratio(c, s.withCategory);
            }
        }
        if (groups.contains(Group.DISCOUNTS)) {
            out[j++] = ratio(s.couponOrders, s.orders);
            out[j++] = s.priced == 0 ? Float.NaN : (float) Math.exp(s.logPrices / s.priced);
        }
        if (groups.contains(Group.SESSIONS)) {
            out[j++] = s.visits;
            out[j++] = ratio(s.pages, s.visits);
            out[j++] = s.visits == 0 ? Float.NaN : (float) (s.visitMicros / (double) MINUTE / s.visits);
        }
        if (groups.contains(Group.CART)) {
            out[j++] = ratio(s.abandoned, s.cartVisits);
            out[j++] = ratio(s.cartVisits, s.visits);
        }
    }

    private static float ratio(int part, int whole) {
        return whole == 0 ? Float.NaN : (float) part / whole;
    }

    @Override
    public void merge(Acc into, Acc later) {
        into.table.addAll(later.table);
    }

    @Override
    public PersonaTable finish(Acc acc) {
        return acc.table.build();
    }
}
