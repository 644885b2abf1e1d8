package io.waymark.core.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The items of a recommendation model, coded 0..n-1 in the order of their ids, so that comparing codes breaks ties
 * by item id, as every ranking here does. An item's name is one the events
 * give it (purchases' product lines win over views), or null.
 */
final class ItemCatalog {
    private final String[] ids;
    private final String[] names;
    private final Map<String, Integer> codes;

    private ItemCatalog(String[] ids, String[] names) {
        this.ids = ids;
        this.names = names;
        this.codes = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            codes.put(ids[i], i);
        }
    }

    /** Every product viewed or bought in {@code columns}. */
    static ItemCatalog of(EventColumns columns, ProductFields fields) {
        TreeMap<String, String> named = new TreeMap<>();
        for (String id : fields.productIds()) {
            named.put(id, null);
        }
        for (int row = 0; row < columns.rows(); row++) {
            String id = fields.viewed(row);
            if (id != null && fields.viewedName(row) != null) {
                named.put(id, fields.viewedName(row));
            }
        }
        for (int c = 0; c < fields.productTexts(); c++) {
            for (ProductFields.Line l : fields.lines(c)) {
                if (l.name() != null || !named.containsKey(l.id())) {
                    named.put(l.id(), l.name());
                }
            }
        }
        return new ItemCatalog(named.keySet().toArray(String[]::new), named.values().toArray(String[]::new));
    }

    int size() {
        return ids.length;
    }

    /** The code of an item id, or -1 when the catalogue does not hold it. */
    int code(String id) {
        Integer c = id == null ? null : codes.get(id);
        return c == null ? -1 : c;
    }

    String id(int code) {
        return ids[code];
    }

    /** The item's name, or null when no event named it. */
    String name(int code) {
        return names[code];
    }
}
