package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** The records of {@code preDistribute}: a run and its cells, how they are merged, bounded and read back. */
public class DistributionRecordsTest {
    private static final Instant AT = SampleReports.T0;

    @Test
    public void aRunAndItsCellsRoundTripThroughJson() throws ReportException {
        ReleaseReport report = SampleReports.rolledBackRelease();

        ReleaseReport read = read(new String(ReleaseReportJson.toBytes(report), StandardCharsets.UTF_8));

        assertThat(read.distributionRuns()).isEqualTo(report.distributionRuns()).hasSize(1);
        assertThat(read.distributions()).isEqualTo(report.distributions());
        assertThat(read.distributions().get(1).millis()).isEqualTo(31_000);
        assertThat(read.distributions().get(1).verifiedBy()).isEqualTo("read back over SFTP");
        assertThat(read.distributionRuns().get(0).trustedOnFirstUse())
                .containsExactly("web1:22 SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
        assertThat(read.schemaVersion()).isEqualTo(ReleaseReport.SCHEMA_VERSION);
    }

    @Test
    public void aReportOfSchemaThreeReadsWithoutRunsTimesOrVerification() throws ReportException {
        String json = "{\"schemaVersion\":3,\"distributions\":[{\"target\":\"web1\",\"artifact\":\"app.jar\","
                + "\"sha256\":\"ab\",\"bytes\":5,\"outcome\":\"UPLOADED\",\"attempts\":1,\"message\":null}]}";

        ReleaseReport read = read(json);

        assertThat(read.distributionRuns()).isEmpty();
        assertThat(read.distributions()).containsExactly(
                new DistributionRecord("web1", "app.jar", "ab", 5, DistributionOutcome.UPLOADED, 1, null));
        assertThat(read.distributions().get(0).millis()).isZero();
        assertThat(read.distributions().get(0).verifiedBy()).isNull();
    }

    @Test
    public void aRunWithoutItsListsReadsThemAsEmptyButItsNumbersAreRequired() throws ReportException {
        String run = "{\"at\":\"2026-11-25T12:00:00Z\",\"transport\":\"agents\",\"targets\":2,\"succeeded\":2,"
                + "\"requiredSuccesses\":2,\"bytesSent\":10,\"millis\":7,\"ok\":true}";

        DistributionRunRecord read = read("{\"schemaVersion\":4,\"distributionRuns\":[" + run + "]}").distributionRuns().get(0);

        assertThat(read.artifacts()).isEmpty();
        assertThat(read.failedTargets()).isEmpty();
        assertThat(read.trustedOnFirstUse()).isEmpty();
        assertThat(read.minSuccess()).isNull();
        assertThatThrownBy(() -> read("{\"schemaVersion\":4,\"distributionRuns\":[" + run.replace(",\"ok\":true", "") + "]}"))
                .isInstanceOf(ReportException.class).hasMessageContaining("distributionRuns[0]")
                .hasMessageContaining("ok");
        assertThatThrownBy(() -> read("{\"schemaVersion\":4,\"distributionRuns\":[" + run.replace("\"2026-11-25T12:00:00Z\"", "null") + "]}"))
                .isInstanceOf(ReportException.class).hasMessageContaining("'at' is required");
    }

    @Test
    public void aRunReplacesCellsWithTheSameTargetAndArtifactInPlaceAndAppendsNewOnes() {
        DistributionRecord web1App = cell("web1", "app.jar", DistributionOutcome.FAILED);
        DistributionRecord web2App = cell("web2", "app.jar", DistributionOutcome.UPLOADED);
        ReleaseReport first = ReleaseReport.empty().withDistributionRun(run(2, 1), List.of(web1App, web2App));
        DistributionRecord web1Again = cell("web1", "app.jar", DistributionOutcome.UPLOADED);
        DistributionRecord web1Conf = cell("web1", "app.conf", DistributionOutcome.SKIPPED_IDENTICAL);

        ReleaseReport second = first.withDistributionRun(run(1, 1), List.of(web1Conf, web1Again));

        assertThat(second.distributions()).containsExactly(web1Again, web2App, web1Conf);
        assertThat(second.distributionRuns()).containsExactly(run(2, 1), run(1, 1));
        assertThat(first.distributions()).as("reports are values").containsExactly(web1App, web2App);
        assertThat(second.withDistributionRun(run(1, 1), List.of(web1Again, web1Again)).distributions())
                .as("a cell given twice is kept once").containsExactly(web1Again, web2App, web1Conf);
        assertThat(second.withDistribution(web1App).distributions()).as("the single-cell update agrees")
                .containsExactly(web1App, web2App, web1Conf);
    }

    @Test
    public void aMissingRunOrANullCellIsRefused() {
        assertThatThrownBy(() -> ReleaseReport.empty().withDistributionRun(null, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("run");
        List<DistributionRecord> withNull = Arrays.asList(cell("web1", "a", DistributionOutcome.UPLOADED), null);
        assertThatThrownBy(() -> ReleaseReport.empty().withDistributionRun(run(1, 1), withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cells'").hasMessageContaining("1");
        assertThat(ReleaseReport.empty().withDistributionRun(run(1, 1), null).distributionRuns()).hasSize(1);
        assertThatThrownBy(() -> new DistributionRunRecord(AT, null, null, null, 0, 0, 0, null, 0, 0, true, null, null))
                .hasMessageContaining("'transport' is required");
        assertThatThrownBy(() -> new DistributionRunRecord(null, "sftp", null, null, 0, 0, 0, null, 0, 0, true, null,
                null)).hasMessageContaining("'at' is required");
        assertThatThrownBy(() -> new DistributionRecord("web1", null, null, 0, DistributionOutcome.FAILED, 0, null, 0,
                null)).hasMessageContaining("'artifact' is required");
    }

    @Test
    public void aFleetOfTenThousandTargetsAndThreeArtifactsIsKeptWhole() {
        List<DistributionRecord> cells = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int t = 0; t < 10_000; t++) {
            for (String artifact : List.of("app.jar", "app.conf", "cli.jar")) {
                cells.add(cell("host-" + t, artifact, DistributionOutcome.FAILED));
            }
            failed.add("deploy@host-" + t + ":2222");
        }
        DistributionRunRecord run = new DistributionRunRecord(AT, "sftp", "/srv", List.of("app.jar", "app.conf", "cli.jar"),
                10_000, 0, 10_000, "all", 0, 1, false, failed, failed);

        ReleaseReport report = ReleaseReport.empty().withDistributionRun(run, cells);

        assertThat(report.distributions()).hasSize(30_000);
        assertThat(report.distributionRuns().get(0).failedTargets()).hasSize(10_000).isEqualTo(failed);
        assertThat(report.distributionRuns().get(0).trustedOnFirstUse()).hasSize(10_000);
    }

    @Test
    public void beyondTheLimitsCellsAreDroppedAndListsSayHowManyMore() {
        List<DistributionRecord> cells = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int t = 0; t < Bounds.CELLS + 5; t++) {
            cells.add(cell("h" + t, "a", DistributionOutcome.FAILED));
            failed.add("h" + t);
        }
        DistributionRunRecord run = new DistributionRunRecord(AT, "sftp", "x".repeat(5_000), List.of("a"), failed.size(),
                0, 1, "all", 0, 1, false, failed, null);

        ReleaseReport report = ReleaseReport.empty().withDistributionRun(run, cells);

        assertThat(report.distributions()).hasSize(Bounds.CELLS);
        List<String> kept = report.distributionRuns().get(0).failedTargets();
        assertThat(kept).hasSize(Bounds.CELLS);
        assertThat(kept.get(Bounds.CELLS - 1)).isEqualTo("… (truncated, 6 more entries)");
        assertThat(report.distributionRuns().get(0).remoteDirectory()).hasSize(Bounds.NAME)
                .endsWith("(truncated, 5000 characters)");
    }

    static DistributionRecord cell(String target, String artifact, DistributionOutcome outcome) {
        return new DistributionRecord(target, artifact, "ab12", 100, outcome, 1, null, 10, null);
    }

    static DistributionRunRecord run(int targets, int succeeded) {
        return new DistributionRunRecord(AT, "sftp", "/srv/app", List.of("app.jar"), targets, succeeded, targets,
                "all", 100, 20, succeeded == targets, List.of(), List.of());
    }

    private static ReleaseReport read(String json) throws ReportException {
        return ReleaseReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "report.json");
    }
}
