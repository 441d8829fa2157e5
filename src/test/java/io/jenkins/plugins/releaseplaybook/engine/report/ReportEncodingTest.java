package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

/** Every page the report renders can be encoded as UTF-8 by a strict encoder, whatever the texts hold. */
public class ReportEncodingTest {
    private static final String EMOJI = "😀";

    @Test
    public void aSurrogatePairAtEveryCutPositionOfTheTimelineLabelStaysWhole() throws CharacterCodingException {
        ReportLabels labels = new ReportLabels(Locale.ROOT);
        for (int before = 0; before <= 40; before++) {
            String name = "a".repeat(before) + EMOJI + EMOJI + "b".repeat(20);
            StageRecord stage = new StageRecord("s", StageKind.RELEASE, name, SampleReports.T0, null, null, null);

            String label = TimelineSvg.label(stage, labels);

            assertThat(Bounds.wellFormed(label)).as("no lone surrogate with %d characters before", before).isEqualTo(label);
            assertThat(label.codePointCount(0, label.length())).isLessThanOrEqualTo(30);
            ReleaseReport report = ReleaseReport.empty().withStage(stage);
            for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
                ReleaseReportFuzzTest.strictUtf8(ReleaseReportHtml.renderFragment(report, locale));
                ReleaseReportFuzzTest.strictUtf8(ReleaseReportHtml.renderStandalone(report, locale));
            }
        }
    }

    @Test
    public void escapingReplacesWhatAPageCannotCarry() throws CharacterCodingException {
        String escaped = Html.esc("lone \uD800 high, \uDC00 low, \uFFFE \uFFFF \uFDD0 \uDBFF\uDFFF nonchars, "
                + "c1 \u0085\u009F\u007F, bell \u0007, pair " + EMOJI + ", tab\tnewline\n");

        ReleaseReportFuzzTest.strictUtf8(escaped);
        assertThat(escaped).isEqualTo("lone \uFFFD high, \uFFFD low, \uFFFD \uFFFD \uFFFD \uFFFD nonchars, c1 , bell , pair "
                + EMOJI + ", tab\tnewline\n");
        assertThat(Html.query("rate(x{a=\"" + EMOJI + "\"}[1m])")).contains(EMOJI);
    }

    @Test
    public void aReportWithHostileCharactersInEveryFieldRendersToStrictUtf8() throws CharacterCodingException {
        ReleaseReport report = SampleReports.withEveryField(
                text -> text + " \uD83D \uFFFE \uFFFF \u0085 \u009B " + EMOJI + " \uDE00", "https://ci.example.com/");
        for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
            ReleaseReportFuzzTest.strictUtf8(ReleaseReportHtml.renderFragment(report, locale));
            ReleaseReportFuzzTest.strictUtf8(ReleaseReportHtml.renderStandalone(report, locale));
        }
        assertThat(ReleaseReportHtml.renderFragment(report)).doesNotContain("\u0085", "\u009B", "\uFFFE", "\uFFFF")
                .contains(EMOJI);
    }
}
