package io.jenkins.plugins.releaseplaybook.engine.report;

import static io.jenkins.plugins.releaseplaybook.engine.report.SampleReports.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReleaseReportFileTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aMissingFileLoadsAsAnEmptyReportAndIsNotCreatedByReading() throws IOException {
        ReleaseReportFile file = new ReleaseReportFile(temp.getRoot().toPath().resolve("build/release-report.json"));

        assertThat(file.load()).isEqualTo(ReleaseReport.empty());
        assertThat(file.exists()).isFalse();
    }

    @Test
    public void updatesAreStoredAndReadBackByAFreshInstance() throws IOException {
        Path path = Files.createDirectory(temp.getRoot().toPath().resolve("build")).resolve("release-report.json");
        ReleaseReport sample = SampleReports.rolledBackRelease();

        ReleaseReport returned = new ReleaseReportFile(path).update(r -> sample);

        assertThat(returned).isEqualTo(sample);
        assertThat(new ReleaseReportFile(path).load()).isEqualTo(sample);
        assertThat(leftovers(path)).as("no temporary files are left behind").isEmpty();
    }

    @Test
    public void aFailingChangeLeavesFileAndCacheAsTheyWere() throws IOException {
        Path path = temp.getRoot().toPath().resolve("release-report.json");
        ReleaseReportFile file = new ReleaseReportFile(path);
        file.update(r -> SampleReports.rolledBackRelease());
        byte[] before = Files.readAllBytes(path);

        assertThatThrownBy(() -> file.update(r -> {
            throw new IllegalStateException("step bug");
        })).hasMessage("step bug");

        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(file.load()).isEqualTo(SampleReports.rolledBackRelease());
    }

    @Test
    public void aCorruptFileIsReportedAndNeverOverwrittenByAnUpdate() throws IOException {
        Path path = temp.getRoot().toPath().resolve("release-report.json");
        Files.writeString(path, "{\"schemaVersion\": 1, \"timeline\": [", StandardCharsets.UTF_8);
        ReleaseReportFile file = new ReleaseReportFile(path);

        assertThatThrownBy(file::load).isInstanceOf(ReportException.class)
                .hasMessageContaining("release-report.json")
                .as("the message is shown on the report page: no absolute path of JENKINS_HOME")
                .message().doesNotContain(temp.getRoot().toString());
        assertThatThrownBy(() -> file.update(r -> r.withStage(StageRecord.started(StageKind.PLAN, "p", T0))))
                .isInstanceOf(ReportException.class);
        assertThat(Files.readString(path)).startsWith("{\"schemaVersion\": 1, \"timeline\": [");
    }

    @Test
    public void anInterruptedThreadStillRecordsItsOutcomeAndKeepsTheInterrupt() throws IOException {
        Path path = temp.getRoot().toPath().resolve("release-report.json");
        ReleaseReportFile file = new ReleaseReportFile(path);
        Thread.currentThread().interrupt(); // a build being aborted
        try {
            file.update(r -> SampleReports.rolledBackRelease());
            assertThat(new ReleaseReportFile(path).load()).isEqualTo(SampleReports.rolledBackRelease());
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is left for the caller").isTrue();
        }
    }

    @Test(timeout = 60_000)
    public void concurrentUpdatesFromParallelBranchesLoseNothing() throws Exception {
        Path path = temp.getRoot().toPath().resolve("release-report.json");
        ReleaseReportFile file = new ReleaseReportFile(path);
        int branches = 16;
        int updatesPerBranch = 25;
        ExecutorService pool = Executors.newFixedThreadPool(branches);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int b = 0; b < branches; b++) {
            String branch = "branch-" + b;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < updatesPerBranch; i++) {
                    String name = branch + "/" + i;
                    file.update(r -> r.withStage(StageRecord.started(StageKind.VERIFY, name, T0)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        ReleaseReport stored = new ReleaseReportFile(path).load();
        assertThat(stored.timeline()).hasSize(branches * updatesPerBranch);
        assertThat(stored.timeline()).extracting(StageRecord::name).doesNotHaveDuplicates();
    }

    private static List<Path> leftovers(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path.getParent())) {
            return files.filter(p -> !p.equals(path)).toList();
        }
    }

    @Test
    public void aMissingDirectoryIsNeverCreatedAndNothingIsWritten() throws IOException {
        Path build = temp.getRoot().toPath().resolve("jobs/p/builds/7");
        ReleaseReportFile file = new ReleaseReportFile(build.resolve("release-report.json"));

        assertThatThrownBy(() -> file.update(r -> SampleReports.rolledBackRelease()))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("no longer exists")
                .satisfies(e -> assertThat(((ReportException) e).directory())
                        .isEqualTo(build.toString()))
                .satisfies(e -> assertThat(((ReportException) e).kind()).isEqualTo(ReportException.Kind.DIRECTORY_GONE))
                .isInstanceOf(java.io.IOException.class);

        assertThat(build).doesNotExist();
        assertThat(build.getParent()).as("not even the parents").doesNotExist();
        assertThat(file.load()).as("the cache is unchanged").isEqualTo(ReleaseReport.empty());
    }

    @Test
    public void aLateWriteDoesNotResurrectABuildDirectoryThatWasDeleted() throws IOException {
        Path build = Files.createDirectories(temp.getRoot().toPath().resolve("builds/7"));
        ReleaseReportFile file = new ReleaseReportFile(build.resolve("release-report.json"));
        file.update(r -> r.withStage(StageRecord.started(StageKind.SILENCE, "silences", T0)));
        Files.delete(build.resolve("release-report.json"));
        Files.delete(build); // log rotation deletes the build while a safety net still holds the report

        assertThatThrownBy(() -> file.update(r -> SampleReports.rolledBackRelease()))
                .isInstanceOf(ReportException.class);

        assertThat(build).doesNotExist();
    }
}
