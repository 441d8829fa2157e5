package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupProgress;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupRestorer;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupResult;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupSpec;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupWriter;
import io.jenkins.plugins.releaseplaybook.engine.backup.Compression;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The backup benchmark of docs/benchmarks.md ({@code bench/backup-bench.sh}): generates a ~1 GiB mixed tree
 * (10,000 small text files, two large compressible files, two large random ones) and a tree of 100,000 small files,
 * then times, interleaved in the same run, the engine's backup (which includes its verification by re-reading)
 * against the shell pipelines of the issue, the restore against {@code tar --zstd -xf}, and reports the heap
 * pools' peak (the GC's own accounting) for every engine run. Run it with {@code -Xmx64m}: the limit is the point.
 */
public final class BackupBenchmark {
    private static final long MB = 1_000_000;

    private final Path work;
    private final int repeats;
    private final List<String> report = new ArrayList<>();

    private BackupBenchmark(Path work, int repeats) {
        this.work = work;
        this.repeats = repeats;
    }

    public static void main(String[] args) throws Exception {
        Path work = null;
        int repeats = 3;
        Path markdown = null;
        long largeMb = 230;
        String trees = "mixed,many";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--large-mb" -> largeMb = Long.parseLong(args[++i]);
                case "--trees" -> trees = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("release-playbook-backup-bench"); // never another run's folder
        } else {
            work = Files.createTempDirectory(Files.createDirectories(work), "release-playbook-backup-bench");
        }
        BackupBenchmark bench = new BackupBenchmark(work, repeats);
        try {
            bench.run(largeMb, List.of(trees.split(",")));
        } finally {
            delete(work);
        }
        if (markdown != null) {
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            Files.write(markdown, bench.report);
        }
    }

    private void run(long largeMb, List<String> trees) throws Exception {
        delete(work);
        Path mixed = work.resolve("tree/mixed");
        Path many = work.resolve("tree/many");
        long t = System.nanoTime();
        long mixedBytes = trees.contains("mixed") ? generate(mixed, 10_000, largeMb * MB) : 0;
        long manyBytes = trees.contains("many") ? generate(many, 100_000, 0) : 0;
        line("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, load before "
                + MachineInfo.loadAverage());
        line("zstd: " + firstLine(shell("zstd --version")) + "; tar: " + firstLine(shell("tar --version")));
        line(String.format(Locale.ROOT, "trees: mixed %,d bytes in %,d files; many %,d bytes in %,d files"
                + " (generated in %.1f s); %d repetitions each, interleaved, median (min)",
                mixedBytes, 10_004, manyBytes, 100_000, (System.nanoTime() - t) / 1e9, repeats));
        line("(a) `tar -cf - DIR | zstd -3 | tee A | sha256sum`, then `zstd -dc A | tar -tf -`;"
                + " (b) `tar -cf - DIR | sha256sum`; (c) `tar --zstd -xf A`");
        line("");
        line("| tree | what | engine | shell | ratio | engine peak heap |");
        line("|---|---|---|---|---|---|");
        if (trees.contains("mixed")) {
            compare("mixed", mixed, Compression.ZSTD);
            compare("mixed", mixed, Compression.NONE);
        }
        if (trees.contains("many")) {
            compare("many", many, Compression.ZSTD);
            compare("many", many, Compression.NONE);
        }
        line("");
        line("load after: " + MachineInfo.loadAverage());
    }

    private void compare(String treeName, Path tree, Compression compression) throws Exception {
        Path shellArchive = work.resolve("shell.tar" + (compression == Compression.ZSTD ? ".zst" : ""));
        String shellCommand = compression == Compression.ZSTD
                ? "tar -cf - -C '" + tree.getParent() + "' '" + tree.getFileName() + "' | zstd -3 -q | tee '"
                        + shellArchive + "' | sha256sum >/dev/null && zstd -dc '" + shellArchive
                        + "' | tar -tf - >/dev/null"
                : "tar -cf - -C '" + tree.getParent() + "' '" + tree.getFileName() + "' | sha256sum >/dev/null";
        List<Double> engine = new ArrayList<>();
        List<Double> shell = new ArrayList<>();
        List<Double> restore = new ArrayList<>();
        List<Double> tarRestore = new ArrayList<>();
        List<Double> engineCpu = new ArrayList<>();
        List<Double> shellCpu = new ArrayList<>();
        long peak = 0;
        long engineSize = 0;
        long shellSize = 0;
        Path destination = work.resolve("backups");
        for (int i = 0; i < repeats; i++) {
            shell.add(time(() -> shell(shellCommand)));
            shellCpu.add(lastShellCpu);
            if (compression == Compression.ZSTD) {
                shellSize = Files.size(shellArchive);
            }
            resetPeaks();
            BackupResult[] result = new BackupResult[1];
            double[] wall = new double[1];
            engineCpu.add(cpu(() -> wall[0] = time(() -> result[0] = BackupWriter.write(BackupSpec.builder("bench")
                    .source(tree).compression(compression).keep(1).destination(destination).build(), Set.of(),
                    BackupProgress.NONE))));
            engine.add(wall[0]);
            peak = Math.max(peak, peakHeap());
            engineSize = result[0].archiveSize();
            if (compression == Compression.ZSTD) {
                Path target = work.resolve("restore-engine");
                Path tarTarget = work.resolve("restore-tar");
                Files.createDirectories(tarTarget);
                tarRestore.add(time(() -> shell("tar --zstd -xf '" + shellArchive + "' -C '" + tarTarget + "'")));
                delete(tarTarget);
                resetPeaks();
                restore.add(time(() -> BackupRestorer.restore(new RestoreSpec(result[0].manifestFile(),
                        target.toString(), List.of(), false), BackupProgress.NONE)));
                peak = Math.max(peak, peakHeap());
                delete(target);
            }
            delete(shellArchive);
        }
        delete(destination);
        String what = compression == Compression.ZSTD ? "zstd backup + verify vs (a)"
                : "uncompressed backup + verify vs (b)";
        row(treeName, what, engine, shell, peak);
        line(String.format(Locale.ROOT, "| %s | CPU time of the same (user + system, all threads and processes) | %s | %s | %.2f× | |",
                treeName, seconds(engineCpu), seconds(shellCpu), median(engineCpu) / median(shellCpu)));
        if (compression == Compression.ZSTD) {
            row(treeName, "restore vs (c)", restore, tarRestore, peak);
            line(String.format(Locale.ROOT, "| %s | compressed size vs `zstd -3` | %,d bytes | %,d bytes | %.3f | |",
                    treeName, engineSize, shellSize, engineSize / (double) shellSize));
        }
    }

    private void row(String tree, String what, List<Double> engine, List<Double> shell, long peak) {
        line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f× | %.1f MiB |", tree, what, seconds(engine),
                seconds(shell), median(engine) / median(shell), peak / (double) (1 << 20)));
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }

    private static String seconds(List<Double> values) {
        return String.format(Locale.ROOT, "%.2f s (%.2f)", median(values), values.stream().min(Double::compare)
                .orElse(0.0));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static double time(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** CPU seconds of this JVM (all its threads, the GC's and zstd's included) during {@code action}. */
    private static double cpu(Action action) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = os.getProcessCpuTime();
        action.run();
        return (os.getProcessCpuTime() - start) / 1e9;
    }

    /** The most heap in use when any collection started during the current run: the GC's own accounting. */
    private static final java.util.concurrent.atomic.AtomicLong GC_PEAK = new java.util.concurrent.atomic.AtomicLong();

    static {
        Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                        .equals(notification.getType())) {
                    return;
                }
                com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management
                        .GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData)
                                notification.getUserData());
                long used = 0;
                for (var pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                GC_PEAK.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static void resetPeaks() throws InterruptedException {
        System.gc();
        Thread.sleep(200); // the notification of that collection arrives on another thread
        GC_PEAK.set(0);
    }

    /** The heap in use at the start of the fullest collection; a run that needs no collection reports 0. */
    private static long peakHeap() {
        return GC_PEAK.get();
    }

    /**
     * {@code smallFiles} text files of 1 to 8 kB in folders of 100, and, if {@code largeBytes} &gt; 0, two large
     * text files and two large random ones of that size each.
     */
    static long generate(Path root, int smallFiles, long largeBytes) throws IOException {
        Random random = new Random(42);
        byte[][] words = new byte[4096][];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 2 + random.nextInt(9); j > 0; j--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString().getBytes(StandardCharsets.US_ASCII);
        }
        long total = 0;
        byte[] buffer = new byte[1 << 20];
        for (int i = 0; i < smallFiles; i++) {
            Path file = root.resolve(String.format(Locale.ROOT, "small/d%03d/f%06d.txt", i / 100, i));
            if (i % 100 == 0) {
                Files.createDirectories(file.getParent());
            }
            int size = 1000 + random.nextInt(7000);
            int n = text(buffer, size, words, random);
            Files.write(file, java.util.Arrays.copyOf(buffer, n));
            total += n;
        }
        if (largeBytes > 0) {
            Files.createDirectories(root.resolve("large"));
            for (int i = 0; i < 4; i++) {
                boolean compressible = i % 2 == 0;
                Path file = root.resolve("large/" + (compressible ? "text-" : "random-") + i + ".bin");
                try (OutputStream out = Files.newOutputStream(file)) {
                    for (long left = largeBytes; left > 0; ) {
                        int n;
                        if (compressible) {
                            n = text(buffer, (int) Math.min(buffer.length - 100, left), words, random);
                        } else {
                            n = (int) Math.min(buffer.length, left);
                            random.nextBytes(buffer);
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                        total += n;
                    }
                }
            }
        }
        return total;
    }

    /** Log-like lines of words and numbers, about as compressible as logs and source (zstd -3: ~2.5×). */
    private static int text(byte[] into, int size, byte[][] words, Random random) {
        int at = 0;
        while (at < size) {
            for (int w = 3 + random.nextInt(12); w > 0 && at < size; w--) {
                byte[] word = words[random.nextInt(words.length)];
                int n = Math.min(word.length, size - at);
                System.arraycopy(word, 0, into, at, n);
                at += n;
                if (at < size) {
                    into[at++] = ' ';
                }
            }
            byte[] number = Integer.toString(random.nextInt(1_000_000)).getBytes(StandardCharsets.US_ASCII);
            for (byte b : number) {
                if (at < size) {
                    into[at++] = b;
                }
            }
            if (at < size) {
                into[at++] = '\n';
            }
        }
        return at;
    }

    /** CPU seconds (user + system) of the last shell command's processes, from bash's {@code times}. */
    private static double lastShellCpu;

    private static String shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-o", "pipefail", "-c", "{ " + command + " ; } && times")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        String[] lines = out.strip().split("\n");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s")
                .matcher(lines[lines.length - 1]);
        lastShellCpu = m.matches() ? Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4)) : Double.NaN;
        return out;
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
