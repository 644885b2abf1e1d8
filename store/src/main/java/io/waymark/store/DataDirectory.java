package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Waymark data directory: the DuckDB file, the ingestion log and a lock that lets one process
 * own it at a time (DuckDB itself allows one writer process; the lock turns that into a clear
 * message naming the process that holds it).
 */
public final class DataDirectory implements AutoCloseable {
    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static DataDirectory open(Path root) {
        try {
            Files.createDirectories(root);
            Path lockFile = root.resolve("waymark.lock");
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                ch.close();
                throw new WaymarkException(ErrorCode.DATA_DIR_IN_USE, "data directory " + root
                        + " is in use by a running Waymark process" + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; stop it first, or send data to it over HTTP");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new DataDirectory(root, ch, lock);
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot open data directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path databaseFile() {
        return root.resolve("waymark.duckdb");
    }

    public Path logDirectory() {
        return root.resolve("log");
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }
}
