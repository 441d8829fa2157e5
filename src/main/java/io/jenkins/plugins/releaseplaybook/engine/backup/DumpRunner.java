package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Runs a dump command with the node's shell and spools its standard output to a file beside the archive, hashing
 * it on the way: a tar entry needs its size before its content, and a command's output has none until it ends.
 * The spool costs disk space once more than the dump, never memory. Standard error is kept as its last lines for
 * the message when the command fails (non-zero exit, or only standard error written).
 */
final class DumpRunner {
    static final int STDERR_LINES = 10;
    private static final int STDERR_BYTES = 8 * 1024;

    private DumpRunner() {}

    static TreeArchiver.SpooledDump run(String backupName, DumpSpec dump, Path spool, Path workDirectory, Clock clock,
            BackupProgress progress) throws BackupException, InterruptedException {
        List<String> command = File.separatorChar == '\\' ? List.of("cmd", "/c", dump.command())
                : List.of("sh", "-c", dump.command());
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        if (workDirectory != null) {
            builder.directory(workDirectory.toFile());
        }
        progress.report(Text.of("backup.progress.dump", backupName, dump.name(), dump.command()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BackupException(BackupException.Kind.DUMP_FAILED, Text.of("backup.dump.start", dump.name(),
                    dump.command(), Failures.reason(e)), e);
        }
        try {
            process.getOutputStream().close(); // a dump reads nothing
        } catch (IOException e) {
            // the process may have ended already
        }
        StderrTail stderr = new StderrTail(process.getErrorStream());
        Copier stdout = new Copier(process.getInputStream(), spool);
        Thread errThread = new Thread(stderr, "release-playbook dump stderr " + dump.name());
        Thread outThread = new Thread(stdout, "release-playbook dump stdout " + dump.name());
        errThread.setDaemon(true);
        outThread.setDaemon(true);
        errThread.start();
        outThread.start();
        int exit;
        try {
            exit = process.waitFor();
            outThread.join();
            errThread.join();
        } catch (InterruptedException e) {
            kill(process);
            outThread.interrupt();
            throw e;
        }
        if (stdout.failure != null) {
            throw Failures.writing(spool, stdout.failure);
        }
        String tail = stderr.tail();
        if (exit != 0) {
            throw new BackupException(BackupException.Kind.DUMP_FAILED, Text.of("backup.dump.exit", dump.name(),
                    dump.command(), exit, tail.isEmpty() ? "-" : tail));
        }
        if (stdout.size == 0 && !tail.isEmpty()) {
            throw new BackupException(BackupException.Kind.DUMP_FAILED, Text.of("backup.dump.stderrOnly", dump.name(),
                    dump.command(), tail));
        }
        return new TreeArchiver.SpooledDump(BackupLayout.DUMPS_PREFIX + "/" + dump.name(), spool, stdout.size,
                Codecs.hex(stdout.digest.digest()), java.time.Instant.ofEpochSecond(clock.instant().getEpochSecond()));
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** stdout to the spool file, hashed and counted. */
    private static final class Copier implements Runnable {
        private final InputStream in;
        private final Path spool;
        final MessageDigest digest = Codecs.sha256();
        volatile long size;
        volatile IOException failure;

        Copier(InputStream in, Path spool) {
            this.in = in;
            this.spool = spool;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[256 * 1024];
            try (InputStream source = in;
                    OutputStream out = Files.newOutputStream(spool, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                int n;
                long count = 0;
                while ((n = source.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    count += n;
                }
                size = count;
            } catch (IOException e) {
                failure = e;
                drain();
            }
        }

        /** Keep reading so that the command is not blocked on a full pipe while we report. */
        private void drain() {
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the process is gone
            }
        }
    }

    /** The last lines of standard error, bounded in lines and bytes. */
    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final Deque<String> lines = new ArrayDeque<>();
        private final StringBuilder current = new StringBuilder();

        StderrTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (InputStream source = in) {
                int n;
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                while ((n = source.read(buffer)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            add(line);
                        } else if (line.size() < STDERR_BYTES) {
                            line.write(buffer[i]);
                        }
                    }
                }
                add(line);
            } catch (IOException e) {
                // the process is gone; what we have is what we report
            }
        }

        private synchronized void add(java.io.ByteArrayOutputStream line) {
            String text = line.toString(Charset.defaultCharset()).strip();
            line.reset();
            if (text.isEmpty()) {
                return;
            }
            lines.addLast(text);
            while (lines.size() > STDERR_LINES) {
                lines.removeFirst();
            }
        }

        synchronized String tail() {
            current.setLength(0);
            for (String line : lines) {
                if (current.length() > 0) {
                    current.append(" | ");
                }
                current.append(line);
            }
            return current.length() > STDERR_BYTES ? current.substring(current.length() - STDERR_BYTES)
                    : current.toString();
        }
    }
}
