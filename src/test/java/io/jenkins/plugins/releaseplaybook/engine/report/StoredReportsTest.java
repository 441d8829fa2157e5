package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StoredReportsTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(String name, ReleaseReport report) throws Exception {
        Path file = folder.getRoot().toPath().resolve(name);
        Files.write(file, ReleaseReportJson.toBytes(report));
        return file;
    }

    @Test
    public void anUnchangedFileIsReadOnce() throws Exception {
        Path file = write("1.json", HistoryReports.success(1, 100));
        StoredReports reports = new StoredReports(10);

        StoredReports.Loaded first = reports.load(file);
        StoredReports.Loaded second = reports.load(file);

        assertThat(first.availability()).isEqualTo(HistoryEntry.Availability.PRESENT);
        assertThat(first.summary()).isEqualTo(ReleaseSummary.of(HistoryReports.success(1, 100)));
        assertThat(second).as("from the cache").isSameAs(first);
    }

    @Test
    public void aRewrittenFileIsReadAgain() throws Exception {
        Path file = write("1.json", HistoryReports.success(1, 100));
        StoredReports reports = new StoredReports(10);
        StoredReports.Loaded before = reports.load(file);

        write("1.json", HistoryReports.rolledBack(1, 30, 20, false));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        StoredReports.Loaded after = reports.load(file);
        assertThat(after).isNotSameAs(before);
        assertThat(after.summary().rolledBack()).isTrue();
    }

    @Test
    public void aRewriteThatKeepsTimeAndSizeIsSeenAfterInvalidate() throws Exception {
        Path file = write("1.json", HistoryReports.success(1, 100));
        FileTime time = Files.getLastModifiedTime(file);
        StoredReports reports = new StoredReports(10);
        reports.load(file);
        byte[] other = ReleaseReportJson.toBytes(HistoryReports.success(1, 101));
        assertThat(other).hasSameSizeAs(Files.readAllBytes(file));
        Files.write(file, other);
        Files.setLastModifiedTime(file, time);

        assertThat(reports.load(file).summary().releaseDuration()).as("stale, as far as the stamp tells")
                .isEqualTo(Duration.ofSeconds(100));
        reports.invalidate(file);
        assertThat(reports.load(file).summary().releaseDuration()).isEqualTo(Duration.ofSeconds(101));
    }

    @Test
    public void missingAndDamagedFiles() throws Exception {
        StoredReports reports = new StoredReports(10);
        Path damaged = folder.getRoot().toPath().resolve("release-report.json");
        Files.writeString(damaged, "{\"header\": {");

        assertThat(reports.load(folder.getRoot().toPath().resolve("none.json")).availability())
                .isEqualTo(HistoryEntry.Availability.MISSING);
        assertThat(reports.load(folder.getRoot().toPath()).availability()).as("a directory")
                .isEqualTo(HistoryEntry.Availability.MISSING);
        StoredReports.Loaded loaded = reports.load(damaged);
        assertThat(loaded.availability()).isEqualTo(HistoryEntry.Availability.CORRUPT);
        assertThat(loaded.problem()).contains("release-report.json").doesNotContain(folder.getRoot().toString());
        assertThat(loaded.entry(HistoryReports.build(3), BuildResult.SUCCESS).problem()).isEqualTo(loaded.problem());

        Files.delete(damaged);
        assertThat(reports.load(damaged).availability()).isEqualTo(HistoryEntry.Availability.MISSING);
        assertThat(reports.size()).isZero();
    }

    @Test
    public void theLeastRecentlyUsedFileGoesFirst() throws Exception {
        StoredReports reports = new StoredReports(2);
        Path one = write("1.json", HistoryReports.success(1, 100));
        Path two = write("2.json", HistoryReports.success(2, 100));
        Path three = write("3.json", HistoryReports.success(3, 100));
        StoredReports.Loaded first = reports.load(one);
        StoredReports.Loaded second = reports.load(two);
        reports.load(one); // one is now the most recently used
        reports.load(three);

        assertThat(reports.size()).isEqualTo(2);
        assertThat(reports.load(one)).as("kept").isSameAs(first);
        assertThat(reports.load(two)).as("evicted, read again").isNotSameAs(second).isEqualTo(second);
        assertThatThrownBy(() -> new StoredReports(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
