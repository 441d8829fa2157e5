package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Counts files and bytes and reports a line at most every {@code every}, with the rate since the start. */
final class ProgressMeter {
    private final String name;
    private final BackupProgress progress;
    private final Clock clock;
    private final Duration every;
    private final String phaseKey;
    private Instant start;
    private Instant last;
    private long files;
    private long bytes;

    /** @param phaseKey a text with arguments name, files, bytes, rate */
    ProgressMeter(String name, BackupProgress progress, Clock clock, Duration every, String phaseKey) {
        this.name = name;
        this.progress = progress;
        this.clock = clock;
        this.every = every;
        this.phaseKey = phaseKey;
        this.start = clock.instant();
        this.last = start;
    }

    void restart() {
        start = clock.instant();
        last = start;
        files = 0;
        bytes = 0;
    }

    void file() {
        files++;
        tick();
    }

    void bytes(long count) {
        bytes += count;
        tick();
    }

    long files() {
        return files;
    }

    long bytesDone() {
        return bytes;
    }

    Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    private void tick() {
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(every) >= 0) {
            last = now;
            progress.report(line(now));
        }
    }

    Text line(Instant now) {
        return Text.of(phaseKey, name, count(files), size(bytes), size(rate(bytes, Duration.between(start, now))));
    }

    static long rate(long bytes, Duration elapsed) {
        long millis = Math.max(1, elapsed.toMillis());
        return bytes * 1000 / millis;
    }

    /** {@code 1,204}: numbers come pre-formatted, the same in every language. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 312.4 MB}, decimal units as {@code df -H} and the rates people compare with. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
