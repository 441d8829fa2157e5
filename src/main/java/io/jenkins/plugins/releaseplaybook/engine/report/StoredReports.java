package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A bounded cache of what the Release History reads from stored report files ({@link ReleaseSummaryJson}), one entry a
 * file, least recently used first out. An entry is valid while the file keeps its modification time and size: a report
 * rewritten (a step, an acknowledgement) is read again on the next look, a deleted one is missing. The writer may also
 * {@link #invalidate} a file it just wrote, in case a rewrite kept both (same size, within the file system's time
 * granularity).
 *
 * <p>Thread-safe. Files are read outside the lock, so one slow disk read does not hold up other pages; two threads
 * that miss at once both read, and the later one's result stays.
 */
public final class StoredReports {
    private final int capacity;
    private final Map<Path, Entry> entries;

    /** What a file held when it was read. */
    public record Loaded(HistoryEntry.Availability availability, ReleaseReport parts, ReleaseSummary summary,
            String problem) {
        static final Loaded MISSING = new Loaded(HistoryEntry.Availability.MISSING, null, null, null);

        /** The entry of the history for this build. */
        public HistoryEntry entry(BuildRef build, BuildResult result) {
            return switch (availability) {
                case PRESENT -> HistoryEntry.of(build, result, summary);
                case CORRUPT -> HistoryEntry.corrupt(build, result, problem);
                case MISSING -> HistoryEntry.missing(build, result);
            };
        }
    }

    private record Stamp(long modifiedNanos, long size) {}

    private record Entry(Stamp stamp, Loaded loaded) {}

    /** @param capacity how many files are remembered at most (at least 1) */
    public StoredReports(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
                return size() > StoredReports.this.capacity;
            }
        };
    }

    /** The file's history parts and summary: from the cache when the file is unchanged, else read now. */
    public Loaded load(Path file) {
        Path key = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        Stamp stamp;
        try {
            BasicFileAttributes attributes = Files.readAttributes(key, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return forget(key);
            }
            stamp = new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.size());
        } catch (NoSuchFileException e) {
            return forget(key);
        } catch (IOException e) {
            return new Loaded(HistoryEntry.Availability.CORRUPT, null, null, "The release report in "
                    + key.getFileName() + " cannot be read: " + e.getClass().getSimpleName());
        }
        synchronized (entries) {
            Entry cached = entries.get(key);
            if (cached != null && cached.stamp().equals(stamp)) {
                return cached.loaded();
            }
        }
        Loaded loaded = read(key);
        synchronized (entries) {
            entries.put(key, new Entry(stamp, loaded));
        }
        return loaded;
    }

    /** Forgets what was read from the file, so that the next {@link #load} reads it again. */
    public void invalidate(Path file) {
        synchronized (entries) {
            entries.remove(file.toAbsolutePath().normalize());
        }
    }

    /** How many files are remembered now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private Loaded forget(Path key) {
        invalidate(key);
        return Loaded.MISSING;
    }

    private static Loaded read(Path file) {
        // Named by its file name only, as the report page does: the problem is shown to people without paths.
        String name = String.valueOf(file.getFileName());
        try (InputStream in = Files.newInputStream(file)) {
            ReleaseReport parts = ReleaseSummaryJson.readHistoryParts(in, name);
            return new Loaded(HistoryEntry.Availability.PRESENT, parts, ReleaseSummary.of(parts), null);
        } catch (NoSuchFileException e) {
            return Loaded.MISSING; // deleted since it was looked at
        } catch (ReportException e) {
            return new Loaded(HistoryEntry.Availability.CORRUPT, null, null, e.getMessage());
        } catch (IOException e) {
            return new Loaded(HistoryEntry.Availability.CORRUPT, null, null, "The release report in " + name
                    + " cannot be read: " + e.getClass().getSimpleName());
        }
    }
}
