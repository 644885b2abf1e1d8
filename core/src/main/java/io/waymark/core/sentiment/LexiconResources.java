package io.waymark.core.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the lexicons bundled in core's jar. The one class in core allowed to touch {@code java.io}
 * (see {@code ArchitectureTest}): a classpath resource is part of the program, like a constant, not
 * IO against the outside world, and 7,500 lexicon entries do not fit a Java string constant.
 */
final class LexiconResources {
    private LexiconResources() {
    }

    /** The UTF-8 text of a resource next to this class; a missing one is a broken build, hence unchecked. */
    static String read(String name) {
        try (InputStream in = LexiconResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
