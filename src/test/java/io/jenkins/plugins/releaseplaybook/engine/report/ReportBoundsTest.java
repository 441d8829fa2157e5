package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Nothing unbounded is ever stored: every report the engine writes reads back. */
public class ReportBoundsTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aStageMessageOverTwentyMillionCharactersIsWrittenTruncatedAndReadsBack() throws IOException {
        ReleaseReportFile file = new ReleaseReportFile(folder.getRoot().toPath().resolve("release-report.json"));
        String huge = "x".repeat(20_000_001);

        file.update(r -> r.withStage(SampleReports.stage("s", StageKind.RELEASE, "deploy", 0, 1, StageStatus.FAILURE,
                huge)));
        ReleaseReport read = new ReleaseReportFile(file.path()).load();

        String message = read.timeline().get(0).message();
        assertThat(message).hasSize(Bounds.TEXT).startsWith("xxxx").endsWith("… (truncated, 20000001 characters)");
        assertThat(Files.size(file.path())).isLessThan(100_000);
    }

    @Test
    public void aTextAtTheLimitIsKeptWholeAndOneCharacterMoreIsCut() throws IOException {
        String atLimit = "y".repeat(Bounds.TEXT);
        String over = atLimit + "z";

        assertThat(roundTrip(message(atLimit))).isEqualTo(atLimit);
        String cut = roundTrip(message(over));
        assertThat(cut).hasSize(Bounds.TEXT).endsWith("… (truncated, " + (Bounds.TEXT + 1) + " characters)");
        assertThat(roundTrip(message(cut))).as("a cut text is stored again as it is").isEqualTo(cut);
    }

    @Test
    public void theCutNeverSplitsASurrogatePair() {
        for (int shift = 0; shift < 4; shift++) {
            String text = "a".repeat(Bounds.TEXT - 40 + shift) + "😀".repeat(100);
            String cut = Bounds.text(text);
            assertThat(cut.length()).isLessThanOrEqualTo(Bounds.TEXT);
            assertThat(Bounds.wellFormed(cut)).as("no lone surrogate at shift " + shift).isEqualTo(cut);
        }
    }

    @Test
    public void longListsKeepTheirHeadAndSayHowManyMoreThereWere() throws IOException {
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            owners.add("owner-" + i);
        }
        ReleaseHeader header = new ReleaseHeader("svc", "1", Risk.LOW, owners, Collections.nCopies(3, "x".repeat(5_000)),
                false, null, SampleReports.T0);

        ReleaseHeader read = read(ReleaseReport.empty().withHeader(header)).header();

        assertThat(read.owners()).hasSize(Bounds.TEXTS).startsWith("owner-0", "owner-1")
                .endsWith("… (truncated, 4001 more entries)");
        assertThat(read.scope()).allSatisfy(s -> assertThat(s).hasSize(Bounds.NAME).contains("truncated, 5000"));
    }

    @Test
    public void recordListsKeepTheirFirstEntries() {
        ReleaseReport report = ReleaseReport.empty();
        for (int i = 0; i < Bounds.RECORDS + 5; i++) {
            report = report.withStage(SampleReports.stage("s" + i, StageKind.PLAN, "p", i, i + 1, StageStatus.SUCCESS,
                    null));
        }
        assertThat(report.timeline()).hasSize(Bounds.RECORDS);
        assertThat(report.timeline().get(0).id()).isEqualTo("s0");
    }

    @Test
    public void deeplyNestedTrailLinesAreKeptAsTextBelowTheReadersNestingLimit() throws IOException {
        TrailLine line = TrailLine.plain("innermost");
        for (int i = 0; i < 2_000; i++) {
            line = new TrailLine("level " + i, "verification.unknown." + i, List.of(line, "arg"));
        }
        assertThat(line.depth()).isLessThanOrEqualTo(Bounds.DEPTH);
        CheckRecord check = new CheckRecord("c", "up", "t", null, null, null, null, null, Verdict.PASS, List.of(),
                List.of(line.text()), null, List.of(line));
        ReleaseReport report = ReleaseReport.empty().withVerification(
                new VerificationRecord("v", SampleReports.T0, SampleReports.T0, Verdict.PASS, List.of(check)));

        ReleaseReport read = read(report);

        assertThat(read.verifications().get(0).checks().get(0).trailLines()).containsExactly(line);
        ReleaseReportHtml.renderFragment(read);
    }

    @Test
    public void aLoneSurrogateIsStoredAsTheReplacementCharacterSoTheReportCanBeWritten() throws IOException {
        assertThat(roundTrip(message("half \uD83D of an emoji, \uDE00 the other half, whole: 😀")))
                .isEqualTo("half \uFFFD of an emoji, \uFFFD the other half, whole: 😀");
    }

    private static ReleaseReport message(String message) {
        return ReleaseReport.empty().withStage(SampleReports.stage("s", StageKind.PLAN, "p", 0, 1,
                StageStatus.SUCCESS, message));
    }

    private static String roundTrip(ReleaseReport report) throws IOException {
        return read(report).timeline().get(0).message();
    }

    private static ReleaseReport read(ReleaseReport report) throws IOException {
        return ReleaseReportJson.read(new java.io.ByteArrayInputStream(ReleaseReportJson.toBytes(report)), "bounds.json");
    }
}
