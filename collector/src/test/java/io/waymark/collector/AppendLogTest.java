package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendLogTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> readAll(AppendLog log, long from) throws Exception {
        var out = new ArrayList<String>();
        for (var r : log.read(from, Integer.MAX_VALUE)) {
            out.add(new String(r.payload(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void acknowledgedRecordsSurviveReopenAndReadInOrderAcrossSegments() throws Exception {
        var futures = new ArrayList<CompletableFuture<Long>>();
        try (var log = AppendLog.open(dir, 0, 64, 1 << 20)) {
            for (int i = 0; i < 20; i++) {
                futures.add(log.append(bytes("record-" + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).as("small segments roll").isGreaterThan(1);
        }
        try (var log = AppendLog.open(dir, 0, 64, 1 << 20)) {
            List<String> all = readAll(log, 0);
            assertThat(all).hasSize(20);
            assertThat(all.get(0)).isEqualTo("record-0");
            assertThat(all.get(19)).isEqualTo("record-19");
            long afterTen = log.read(0, Integer.MAX_VALUE).get(9).endOffset();
            assertThat(readAll(log, afterTen)).first().isEqualTo("record-10");
            log.deleteBefore(afterTen);
            assertThat(readAll(log, afterTen)).hasSize(10);
        }
    }

    @Test
    void tornTailIsCutOnOpenAndAppendingContinues() throws Exception {
        long end;
        try (var log = AppendLog.open(dir, 0, 1 << 20, 1 << 20)) {
            log.append(bytes("one")).get();
            end = log.append(bytes("two")).get();
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        // a crash in the middle of writing a third record: header and half the payload
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(8 + 3).putInt(100).putInt(12345).put(bytes("thr")).flip());
        }
        try (var log = AppendLog.open(dir, 0, 1 << 20, 1 << 20)) {
            assertThat(log.durableEnd()).isEqualTo(end);
            assertThat(readAll(log, 0)).containsExactly("one", "two");
            log.append(bytes("three")).get();
            assertThat(readAll(log, 0)).containsExactly("one", "two", "three");
        }
    }

    @Test
    void corruptLastRecordIsDetectedByChecksum() throws Exception {
        try (var log = AppendLog.open(dir, 0, 1 << 20, 1 << 20)) {
            log.append(bytes("good")).get();
            log.append(bytes("flipped")).get();
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(segment);
        content[content.length - 1] ^= 0x01;
        Files.write(segment, content);
        try (var log = AppendLog.open(dir, 0, 1 << 20, 1 << 20)) {
            assertThat(readAll(log, 0)).containsExactly("good");
        }
    }

    @Test
    void emptyLogStartsAtTheGivenOffset() throws Exception {
        try (var log = AppendLog.open(dir, 5000, 1 << 20, 1 << 20)) {
            long end = log.append(bytes("x")).get();
            assertThat(end).isEqualTo(5000 + AppendLog.HEADER + 1);
            assertThat(readAll(log, 5000)).containsExactly("x");
        }
    }
}
