package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** What tests change in the writer: the clock, hooks into reading, the test restore. Production uses defaults. */
final class WriterOptions {
    /** Called after a file's attributes were read and before its content is: tests change the file here. */
    @FunctionalInterface
    interface ReadHook {
        void beforeRead(Path file, int attempt) throws IOException;
    }

    /** {@link BackupRestorer#testRestore}. */
    @FunctionalInterface
    interface TestRestorer {
        void testRestore(Path manifestFile, Path scratchParent, BackupProgress progress)
                throws BackupException, InterruptedException;
    }

    Clock clock = Clock.systemUTC();
    Duration progressEvery = Duration.ofSeconds(5);
    ReadHook beforeRead = (file, attempt) -> {};
    TestRestorer testRestorer = BackupRestorer::testRestore;
    /** zstd's own threads: with the reading thread this keeps 2 cores busy; 0 compresses on the sink's thread. */
    int zstdWorkers = Math.min(2, Runtime.getRuntime().availableProcessors()) > 1 ? 2 : 0;
    /** Files up to this size are read whole before their entry is written, so a change is retried on the spot. */
    int smallFile = 1 << 20;

    static WriterOptions defaults() {
        return new WriterOptions();
    }
}
