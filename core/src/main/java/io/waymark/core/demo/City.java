package io.waymark.core.demo;

import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/** Where a person lives: their time zone and locale, and the physical store there if there is one. */
record City(String name, String country, ZoneId zone, String locale, String storeId, double weight) {

    static final List<City> ALL = List.of(
            new City("Berlin", "DE", ZoneId.of("Europe/Berlin"), "de-DE", "store-ber-01", 14),
            new City("Munich", "DE", ZoneId.of("Europe/Berlin"), "de-DE", "store-muc-01", 8),
            new City("Hamburg", "DE", ZoneId.of("Europe/Berlin"), "de-DE", null, 7),
            new City("Paris", "FR", ZoneId.of("Europe/Paris"), "fr-FR", "store-par-01", 12),
            new City("Lyon", "FR", ZoneId.of("Europe/Paris"), "fr-FR", null, 5),
            new City("Madrid", "ES", ZoneId.of("Europe/Madrid"), "es-ES", "store-mad-01", 9),
            new City("Amsterdam", "NL", ZoneId.of("Europe/Amsterdam"), "nl-NL", "store-ams-01", 8),
            new City("Vienna", "AT", ZoneId.of("Europe/Vienna"), "de-AT", null, 6),
            new City("Milan", "IT", ZoneId.of("Europe/Rome"), "it-IT", "store-mil-01", 8),
            new City("Lisbon", "PT", ZoneId.of("Europe/Lisbon"), "pt-PT", null, 5),
            new City("Dublin", "IE", ZoneId.of("Europe/Dublin"), "en-IE", null, 5),
            new City("Warsaw", "PL", ZoneId.of("Europe/Warsaw"), "pl-PL", null, 6));

    private static final double[] WEIGHTS = ALL.stream().mapToDouble(City::weight).toArray();

    static City pick(SplittableRandom r) {
        return ALL.get(Draw.weighted(r, WEIGHTS));
    }
}
