package io.waymark.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.spend.SpendEntry;
import io.waymark.store.SpendRepository;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports marketing spend: CSV files with the header {@code date,channel,campaign,cost,currency} (any order, any case,
 * other columns ignored) or the JSON items of {@code POST /api/v1/spend}. Rules:
 * <ul>
 *   <li>{@code date} is an ISO date (2026-03-01); {@code cost} a plain non-negative decimal (12.50, no thousands
 *       separator or currency sign) of at most {@value #MAX_COST_TEXT} (a finite number; a JSON 1e400 is refused, not
 *       stored as infinity); {@code currency} an ISO 4217 code (upper-cased: "eur" is EUR).
 *   <li>A leading UTF-8 byte order mark (U+FEFF, as in Excel's "CSV UTF-8" exports) is ignored.
 *   <li>{@code channel} must be a Waymark channel name (any case). Platform names (google, facebook) are deliberately not mapped:
 *       which channel a platform's campaign belongs to is the importer's decision, and a silent guess would move spend
 *       between channels. The error says so.
 *   <li>Spend is one row per (date, channel, campaign); a later line with the same key replaces an earlier one, in the
 *       file as in the store (re-importing a corrected export never doubles the spend).
 * </ul>
 * CSV imports keep the good lines and report each bad one with its physical line number in the file (blank lines
 * count) and field; the API is all-or-nothing.
 */
public final class SpendImporter {
    static final int MAX_ERRORS = 20;
    static final List<String> COLUMNS = List.of("date", "channel", "campaign", "cost", "currency");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    static final String MAX_COST_TEXT = "1e12";
    private static final BigDecimal MAX_COST = new BigDecimal("1e12");
    /** Longer cost texts are refused before parsing (BigDecimal parsing of a huge digit string is slow). */
    private static final int MAX_COST_LENGTH = 40;
    private static final char BOM = '\uFEFF';

    private final SpendRepository repository;

    public SpendImporter(SpendRepository repository) {
        this.repository = repository;
    }

    /** The outcome of a CSV import; {@code duplicates} counts lines replaced by a later line with the same key. */
    public record Report(long imported, long duplicates, long rejected, List<LineError> errors) {
    }

    public record LineError(long line, String field, String message) {
    }

    /** What a CSV holds: its valid entries (duplicates resolved) and its refused lines. */
    public record Parsed(List<SpendEntry> entries, long duplicates, long rejected, List<LineError> errors) {
    }

    /** Stores the valid lines of a CSV and reports the others. */
    public Report importCsv(Reader csv) {
        Parsed p = parseCsv(csv);
        repository.upsert(p.entries());
        return new Report(p.entries().size(), p.duplicates(), p.rejected(), p.errors());
    }

    /** Stores {@code entries} (already validated, e.g. by {@link #parseJson}); returns how many rows were written. */
    public int store(List<SpendEntry> entries) {
        return repository.upsert(lastWins(entries));
    }

    public static Parsed parseCsv(Reader csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        List<SpendEntry> entries = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        long rejected = 0;
        try (CSVParser parser = CSVParser.parse(withoutBom(csv), format)) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            for (CSVRecord r : parser) {
                try {
                    entries.add(entry(r, columns));
                } catch (WaymarkException e) {
                    rejected++;
                    if (errors.size() < MAX_ERRORS) {
                        // the parser's line number counts blank lines too; a record is one line (for a quoted
                        // field with line breaks it is the record's last line)
                        errors.add(new LineError(parser.getCurrentLineNumber(), e.field(), e.getMessage()));
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw WaymarkException.invalid("csv", "cannot read the spend CSV: " + e.getMessage());
        }
        List<SpendEntry> unique = lastWins(entries);
        return new Parsed(unique, entries.size() - unique.size(), rejected, errors);
    }

    /** {@code csv} without a leading byte order mark. */
    private static Reader withoutBom(Reader csv) {
        java.io.PushbackReader in = new java.io.PushbackReader(csv, 1);
        try {
            int first = in.read();
            if (first != -1 && first != BOM) {
                in.unread(first);
            }
        } catch (IOException e) {
            throw WaymarkException.invalid("csv", "cannot read the spend CSV: " + e.getMessage());
        }
        return in;
    }

    /** The JSON body {@code {"spend":[{date, channel, campaign, cost, currency}]}}; the first bad item fails it all. */
    public static List<SpendEntry> parseJson(JsonNode body) {
        JsonNode items = body == null ? null : body.get("spend");
        if (items == null || !items.isArray()) {
            throw WaymarkException.missing("spend");
        }
        List<SpendEntry> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String prefix = "spend[" + i + "]";
            JsonNode item = items.get(i);
            try {
                if (!item.isObject()) {
                    throw WaymarkException.invalid("", "must be an object with date, channel, campaign, cost, currency");
                }
                JsonNode cost = item.get("cost");
                if (cost != null && !cost.isNull() && !cost.isNumber()) {
                    throw WaymarkException.invalid("cost", "'cost' must be a JSON number");
                }
                if (cost != null && (cost.isDouble() || cost.isFloat()) && !Double.isFinite(cost.doubleValue())) {
                    throw WaymarkException.invalid("cost", "'cost' must be a finite number of at most " + MAX_COST_TEXT + ", not "
                            + cost.asText());
                }
                if (cost != null && cost.isNumber() && cost.decimalValue().compareTo(MAX_COST) > 0) {
                    throw WaymarkException.invalid("cost", "'cost' must be at most " + MAX_COST_TEXT + ", not " + cost.asText());
                }
                out.add(entry(text(item, "date"), text(item, "channel"), text(item, "campaign"),
                        cost == null || cost.isNull() ? null : cost.decimalValue().toPlainString(), text(item, "currency")));
            } catch (WaymarkException e) {
                String field = e.field() == null || e.field().isEmpty() ? prefix : prefix + "." + e.field();
                throw new WaymarkException(e.code(), field, field + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be a string");
        }
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Header name (lower case) → the file's spelling; every required column must be there. */
    private static Map<String, String> columns(List<String> header) {
        Map<String, String> out = new HashMap<>();
        for (String h : header) {
            out.putIfAbsent(h.trim().toLowerCase(Locale.ROOT), h);
        }
        for (String c : COLUMNS) {
            if (!out.containsKey(c)) {
                throw WaymarkException.invalid(c, "the spend CSV has no '" + c + "' column; its header must name "
                        + String.join(", ", COLUMNS) + " (any order)");
            }
        }
        return out;
    }

    private static SpendEntry entry(CSVRecord r, Map<String, String> columns) {
        if (!r.isConsistent()) {
            throw WaymarkException.invalid("$", "the line has " + r.size() + " fields but the header has " + r.getParser().getHeaderNames().size());
        }
        return entry(r.get(columns.get("date")), r.get(columns.get("channel")), r.get(columns.get("campaign")),
                r.get(columns.get("cost")), r.get(columns.get("currency")));
    }

    static SpendEntry entry(String date, String channel, String campaign, String cost, String currency) {
        LocalDate day = date(date);
        Channel c = required("channel", channel) == null ? null : Channel.fromWire(channel);
        if (c == null) {
            throw WaymarkException.invalid("channel", "'channel' must be one of web, app, email, social, ads, store, support, survey, other, not '"
                    + channel + "' (platform names such as google or facebook are not mapped: choose the channel, put the platform in campaign)");
        }
        String name = required("campaign", campaign).trim();
        String amount = required("cost", cost).trim();
        if (!DECIMAL.matcher(amount).matches()) {
            throw WaymarkException.invalid("cost", "'cost' must be a non-negative decimal like 12.50, not '" + abbreviate(cost) + "'");
        }
        int dot = amount.indexOf('.');
        String integer = (dot < 0 ? amount : amount.substring(0, dot)).replaceFirst("^0+(?=\\d)", "");
        if (integer.length() > 13) { // 1e12 has 13 digits; checked before parsing a possibly huge number
            throw WaymarkException.invalid("cost", "'cost' must be at most " + MAX_COST_TEXT + ", not " + abbreviate(amount));
        }
        if (amount.length() > MAX_COST_LENGTH) {
            throw WaymarkException.invalid("cost", "'cost' has more than " + MAX_COST_LENGTH + " characters: " + abbreviate(amount));
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.compareTo(MAX_COST) > 0) {
            throw WaymarkException.invalid("cost", "'cost' must be at most " + MAX_COST_TEXT + ", not " + abbreviate(amount));
        }
        String code = required("currency", currency).trim().toUpperCase(Locale.ROOT);
        return new SpendEntry(day, c, name, value.doubleValue(), code);
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_COST_LENGTH ? s : s.substring(0, MAX_COST_LENGTH) + "... (" + s.length() + " characters)";
    }

    private static LocalDate date(String date) {
        try {
            return LocalDate.parse(required("date", date).trim());
        } catch (DateTimeParseException e) {
            throw WaymarkException.invalid("date", "'date' must be an ISO date like 2026-03-01, not '" + date + "'");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new WaymarkException(ErrorCode.MISSING_FIELD, field, "missing required field '" + field + "'");
        }
        return value;
    }

    /** One entry per (date, channel, campaign), the last one given winning, in first-seen order. */
    static List<SpendEntry> lastWins(List<SpendEntry> entries) {
        Map<List<Object>, SpendEntry> byKey = new LinkedHashMap<>();
        for (SpendEntry e : entries) {
            byKey.put(List.of(e.date(), e.channel(), e.campaign()), e);
        }
        return new ArrayList<>(byKey.values());
    }
}
