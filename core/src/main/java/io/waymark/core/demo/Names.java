package io.waymark.core.demo;

/** Made-up names for traits; ASCII only so e-mail addresses can be built from them. */
final class Names {
    static final String[] FIRST = {
        "Anna", "Lukas", "Sofia", "Jonas", "Emma", "Mateo", "Lea", "Noah", "Chloe", "Luca",
        "Marta", "Tomasz", "Ines", "Pedro", "Julia", "Finn", "Camille", "Hugo", "Sara", "Niamh",
        "Elena", "David", "Clara", "Oskar", "Nora", "Leon", "Alice", "Marco", "Eva", "Jan"};
    static final String[] LAST = {
        "Muller", "Schmidt", "Dubois", "Garcia", "Rossi", "de Vries", "Kowalski", "Silva", "Murphy", "Weber",
        "Martin", "Lopez", "Bianchi", "Jansen", "Nowak", "Costa", "Kelly", "Fischer", "Bernard", "Fernandez"};
    static final String[] COMPANIES = {
        "Acme Logistics", "Nordwind Consulting", "Bright Dental", "Studio Rotterdam", "Kanzlei Weber",
        "Cafe Central", "Blue Harbor Hotels", "Pixel Forge", "Verde Architects", "Atlas Schools"};

    private Names() {
    }
}
