package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Test;

/** Credentials in URLs never reach the page nor the JSON: the user-info part is dropped wherever a URL stands. */
public class ReportCredentialsTest {
    @Test
    public void userInfoIsDroppedFromUrlsAndOnlyFromThem() {
        assertThat(Urls.withoutUserInfo("https://user:pass@ci.example.com/job/x/1/")).isEqualTo("https://ci.example.com/job/x/1/");
        assertThat(Urls.withoutUserInfo("http://admin:p@ss@am:9093")).isEqualTo("http://am:9093");
        assertThat(Urls.withoutUserInfo("ssh://git@host:22/repo")).isEqualTo("ssh://host:22/repo");
        assertThat(Urls.withoutUserInfo("Prometheus at https://bob:hunter2@prom:9090/api unreachable, "
                + "retried http://x:y@other?q=a@b")).isEqualTo("Prometheus at https://prom:9090/api unreachable, "
                        + "retried http://other?q=a@b");
        assertThat(Urls.withoutUserInfo("https://host/path/a@b?c=d@e#f@g")).isEqualTo("https://host/path/a@b?c=d@e#f@g");
        assertThat(Urls.withoutUserInfo("alice@example.com, mailto:bob@example.com")).isEqualTo(
                "alice@example.com, mailto:bob@example.com");
        assertThat(Urls.withoutUserInfo("a://b://c@d")).isEqualTo("a://b://d");
    }

    @Test
    public void aBuildLinkAnEndpointAndAMessageWithCredentialsShowNone() throws IOException {
        ReleaseReport report = SampleReports.withEveryField(t -> t, "https://user:pass@ci.example.com/job/checkout/42/");
        report = report.withSilence(new SilenceRecord("s-2", List.of(), List.of("a=\"b\""), SampleReports.T0,
                SampleReports.T0.plusSeconds(60), "me", "c", "http://admin:secret@alertmanager:9093", SilenceState.ACTIVE,
                List.of()));
        report = report.withStage(SampleReports.stage("x", StageKind.VERIFY, "v", 0, 1, StageStatus.FAILURE,
                "Prometheus at https://bob:hunter2@prom:9090 unreachable"));

        String json = new String(ReleaseReportJson.toBytes(report), StandardCharsets.UTF_8);
        for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
            String page = ReleaseReportHtml.renderStandalone(report, locale);
            assertThat(page).doesNotContain("user:pass", "pass@", "admin:secret", "secret@", "bob:hunter2", "hunter2");
            Document document = Jsoup.parse(page);
            assertThat(document.select(".rp-facts a").attr("href")).isEqualTo("https://ci.example.com/job/checkout/42/");
        }
        assertThat(json).doesNotContain("user:pass", "admin:secret", "hunter2").contains("http://alertmanager:9093");
    }

    @Test
    public void matchersAreStoredAsAlertmanagerReadsThemButShownWithoutCredentials() {
        String matcher = "target=\"https://scraper:pw@exporter:9100/metrics\"";
        ReleaseReport report = ReleaseReport.empty().withSilence(new SilenceRecord("s", List.of(), List.of(matcher),
                SampleReports.T0, SampleReports.T0.plusSeconds(60), null, null, null, SilenceState.ACTIVE, List.of()));

        assertThat(report.silences().get(0).matchers()).containsExactly(matcher);
        assertThat(ReleaseReportHtml.renderFragment(report)).doesNotContain("scraper:pw").contains("exporter:9100");
    }

    @Test
    public void anOlderReportWithCredentialsStoredIsShownWithoutThem() throws IOException {
        String json = "{\"schemaVersion\":2,\"header\":{\"service\":\"svc\",\"owners\":[],\"scope\":[],\"drill\":false,"
                + "\"build\":{\"jobFullName\":\"j\",\"number\":1,\"url\":\"https://u:p4ss@ci/job/j/1/\"}}}";

        ReleaseReport report = ReleaseReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "old.json");

        assertThat(report.header().build().url()).isEqualTo("https://ci/job/j/1/");
        assertThat(Html.link("https://u:p4ss@ci/x", "x")).doesNotContain("p4ss");
    }
}
