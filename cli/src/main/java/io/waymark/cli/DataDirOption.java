package io.waymark.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by commands that work on a data directory. */
final class DataDirOption {
    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Waymark data directory (created if missing).")
    Path dataDir;
}
