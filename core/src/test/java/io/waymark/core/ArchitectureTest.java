package io.waymark.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps {@code core} pure: no IO, SQL, HTTP or framework, so every engine can reuse it. */
class ArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.waymark.core");

    @Test
    void coreDoesNoIo() {
        noClasses().that().doNotHaveFullyQualifiedName(LEXICON_RESOURCES).should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.sql..",
                        "io.javalin..", "org.duckdb..", "io.waymark.store..", "io.waymark.collector..", "io.waymark.server..", "io.waymark.cli..")
                .allowEmptyShould(false)
                .check(core);
    }

    /**
     * The one exception: the sentiment lexicons (7,500 entries) are classpath resources of core's own
     * jar, read with {@code getResourceAsStream}. That is part of the program, not IO against the
     * outside world, so this class may use the stream types and nothing else from java.io.
     */
    private static final String LEXICON_RESOURCES = "io.waymark.core.sentiment.LexiconResources";

    @Test
    void onlyTheLexiconReaderTouchesJavaIoAndOnlyItsStreams() {
        noClasses().that().haveFullyQualifiedName(LEXICON_RESOURCES).should().dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("java.io beyond InputStream and its exceptions",
                                c -> c.getPackageName().startsWith("java.io") && !java.util.Set.of("java.io.InputStream",
                                        "java.io.IOException", "java.io.UncheckedIOException").contains(c.getName())))
                .orShould().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
                .allowEmptyShould(false)
                .check(core);
    }
}
