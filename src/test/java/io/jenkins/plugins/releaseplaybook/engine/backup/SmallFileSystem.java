package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.testsupport.RequiredBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.AssumptionViolatedException;

/**
 * A real size-limited (or read-only) file system for the disk-full and permission tests: a tmpfs mounted with
 * {@code mount -t tmpfs -o size=...}, which needs root with CAP_SYS_ADMIN (CI runs as root). Where mounting is not
 * possible the test skips with the reason, unless {@value RequiredBinary#REQUIRED_PROPERTY} is true (as in
 * {@code .ci/run}): then it fails, so that the limits are never silently untested.
 */
final class SmallFileSystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static SmallFileSystem mount(Path mountPoint, String options) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String why;
        try {
            Process process = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs",
                    mountPoint.toString())).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return new SmallFileSystem(mountPoint);
            }
            why = "mount -t tmpfs -o " + options + " failed: " + out;
        } catch (IOException e) {
            why = "mount cannot run: " + e.getMessage();
        }
        String message = why + " (needs root with CAP_SYS_ADMIN, as .ci/run has)";
        if (Boolean.getBoolean(RequiredBinary.REQUIRED_PROPERTY)) {
            throw new IllegalStateException(message + ". " + RequiredBinary.REQUIRED_PROPERTY
                    + "=true says these tests must run here, so this is a failure, not a skip.");
        }
        System.err.println("Skipped: " + message);
        throw new AssumptionViolatedException("Skipped: " + message);
    }

    Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException {
        Process process = new ProcessBuilder(List.of("umount", mountPoint.toString())).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
