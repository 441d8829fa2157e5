package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code fsync} of a written file on a thread of its own, so that waiting for the disk overlaps reading the file
 * back from the page cache to verify it. Both must be done before the file is renamed into place.
 */
final class BackgroundSync {
    private final Thread thread;
    private volatile IOException failure;

    private BackgroundSync(Path file) {
        thread = new Thread(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            } catch (IOException e) {
                failure = e;
            }
        }, "release-playbook backup fsync " + file.getFileName());
        thread.setDaemon(true);
    }

    static BackgroundSync start(Path file) {
        BackgroundSync sync = new BackgroundSync(file);
        sync.thread.start();
        return sync;
    }

    /** Waits until the file is on disk; a failure here (disk full on write-back) is the file's. */
    void await() throws IOException, InterruptedException {
        thread.join();
        if (failure != null) {
            throw failure;
        }
    }
}
