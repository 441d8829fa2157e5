package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Test;

/** The report's backup and restore records: JSON (new and old), the exact restore call, the HTML sections. */
public class BackupRestoreRecordsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:45:12Z");
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static BackupRecord backup(UnaryOperator<String> text) {
        return new BackupRecord(text.apply("checkout-20261201T104512Z-a1b2c3"), text.apply("checkout"),
                text.apply("web-agent-1"), text.apply("/var/backups/checkout/checkout-20261201T104512Z-a1b2c3.tar.zst"),
                SHA, 1204, 73_400_320, true, T0, List.of(text.apply("/opt/checkout/current"), text.apply("/etc/checkout")),
                List.of(text.apply("**/*.log")), List.of(text.apply("shop.pgdump")), text.apply("zstd"), 21_000_000, true,
                text.apply("/var/backups"));
    }

    static RestoreRecord restore(UnaryOperator<String> text, boolean dryRun) {
        return new RestoreRecord(text.apply("checkout-20261201T104512Z-a1b2c3"), text.apply("web-agent-1"),
                T0.plusSeconds(600), dryRun ? null : text.apply("/srv/restore"), List.of(text.apply("/etc/checkout")), dryRun,
                dryRun ? List.of() : List.of(text.apply("/srv/restore/etc/checkout")),
                dryRun ? List.of() : List.of(text.apply("/srv/restore/etc/checkout")),
                dryRun ? List.of(text.apply("replace /etc/checkout (12 files differ)")) : List.of(), 12, 4096);
    }

    private static ReleaseReport report(UnaryOperator<String> text) {
        return ReleaseReport.empty().withBackup(backup(text)).withRestore(restore(text, false))
                .withRestore(restore(text, true));
    }

    @Test
    public void backupsAndRestoresRoundTripThroughJson() throws IOException {
        ReleaseReport original = report(UnaryOperator.identity());

        byte[] json = ReleaseReportJson.toBytes(original);
        ReleaseReport read = ReleaseReportJson.read(new ByteArrayInputStream(json), "test");

        assertThat(read).isEqualTo(original);
        assertThat(read.restores()).hasSize(2);
        assertThat(ReleaseReportJson.toBytes(read)).isEqualTo(json);
    }

    @Test
    public void theJsonCarriesTheRestoreCallAndTheNewFields() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ReleaseReportJson.toBytes(report(UnaryOperator.identity())));

        assertThat(json.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode backup = json.at("/backups/0");
        assertThat(backup.get("restoreCall").asText()).isEqualTo("node('web-agent-1') { releaseRestore(id: "
                + "'checkout-20261201T104512Z-a1b2c3', destination: '/var/backups') }");
        assertThat(backup.get("compression").asText()).isEqualTo("zstd");
        assertThat(backup.get("archiveSize").asLong()).isEqualTo(21_000_000);
        assertThat(backup.get("restoreTested").asBoolean()).isTrue();
        assertThat(backup.get("excludes").get(0).asText()).isEqualTo("**/*.log");
        assertThat(backup.get("dumps").get(0).asText()).isEqualTo("shop.pgdump");
        assertThat(json.at("/restores/0/replaced/0").asText()).isEqualTo("/srv/restore/etc/checkout");
        assertThat(json.at("/restores/1/dryRun").asBoolean()).isTrue();
        assertThat(json.at("/restores/1/target").isNull()).isTrue();
    }

    /** A report written before schema 3: backups without the new fields, no restores at all. */
    @Test
    public void anOlderReportStillReads() throws IOException {
        String older = "{\"schemaVersion\":2,\"backups\":[{\"id\":\"b-1\",\"name\":\"checkout\",\"node\":\"web-1\","
                + "\"archive\":\"/var/backups/checkout/b-1.tar.zst\",\"sha256\":\"" + SHA + "\",\"files\":3,"
                + "\"bytes\":10,\"verified\":true,\"createdAt\":\"2026-11-25T12:00:40Z\",\"paths\":[\"/etc/checkout\"]}]}";

        ReleaseReport read = ReleaseReportJson.read(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8)),
                "old");

        BackupRecord backup = read.backups().get(0);
        assertThat(backup.paths()).containsExactly("/etc/checkout");
        assertThat(backup.excludes()).isEmpty();
        assertThat(backup.dumps()).isEmpty();
        assertThat(backup.compression()).isNull();
        assertThat(backup.archiveSize()).isZero();
        assertThat(backup.restoreTested()).isFalse();
        assertThat(backup.destination()).isNull();
        assertThat(backup.restoreCall()).isEqualTo("node('web-1') { releaseRestore(id: 'b-1') }");
        assertThat(read.restores()).isEmpty();
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(read));
        assertThat(page.select(".rp-backups td").eachText()).contains("web-1", "no");
        assertThat(page.select(".rp-section-restores")).isEmpty();
    }

    @Test
    public void aRestoreWithoutItsBackupIdIsRefused() {
        String json = "{\"schemaVersion\":3,\"restores\":[{\"node\":\"web-1\",\"dryRun\":false,\"files\":1,\"bytes\":2}]}";

        assertThatThrownBy(() -> ReleaseReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "bad")).isInstanceOf(IOException.class).hasMessageContaining("backupId"); // the report's format error
    }

    /** The restore call is Groovy source: quotes, backslashes and line breaks in a value cannot end the string. */
    @Test
    public void theRestoreCallQuotesEveryValue() {
        BackupRecord tricky = new BackupRecord("b-1", "x", "it's\\a\nnode", "/a", SHA, 0, 0, true, T0, List.of(),
                List.of(), List.of(), "none", 0, false, "C:\\backups\\'${env.X}'");

        assertThat(tricky.restoreCall()).isEqualTo("node('it\\'s\\\\a\\nnode') { releaseRestore(id: 'b-1',"
                + " destination: 'C:\\\\backups\\\\\\'${env.X}\\'') }");
        assertThat(new BackupRecord("b-2", "x", null, "/a", SHA, 0, 0, true, T0, List.of()).restoreCall())
                .isEqualTo("releaseRestore(id: 'b-2')");
    }

    @Test
    public void showsBackupFactsTheRestoreCallAndEveryRestore() {
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(report(UnaryOperator.identity())));

        assertThat(page.select("section h3").eachText()).containsExactly("Backups", "Restores");
        Element backups = page.selectFirst(".rp-backups");
        assertThat(backups.select("th").eachText()).contains("Restore tested", "Archive", "Paths");
        assertThat(backups.text()).contains("zstd, 20.0 MiB", "Excluded:", "**/*.log", "Dumps:", "shop.pgdump",
                "/opt/checkout/current");
        assertThat(backups.select("code.rp-restore-call").text()).isEqualTo("node('web-agent-1') { releaseRestore(id: "
                + "'checkout-20261201T104512Z-a1b2c3', destination: '/var/backups') }");
        Element restores = page.selectFirst(".rp-restores");
        assertThat(restores.select("tbody tr")).hasSize(2);
        assertThat(restores.select("tbody tr").get(0).text()).contains("/srv/restore", "only /etc/checkout",
                "/srv/restore/etc/checkout");
        assertThat(restores.select("tbody tr").get(1).text()).contains("where each source was",
                "dry run: nothing written", "replace /etc/checkout (12 files differ)");
    }

    @Test
    public void speaksChinese() {
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(report(UnaryOperator.identity()),
                Locale.SIMPLIFIED_CHINESE));

        assertThat(page.select("section h3").eachText()).containsExactly("\u5907\u4efd", "\u6062\u590d");
        assertThat(page.select(".rp-restores").text()).contains("\u6f14\u7ec3");
    }

    /** Every user-supplied field of both records, with markup in it, stays text. */
    @Test
    public void hostileValuesInEveryFieldStayText() {
        for (String payload : List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>",
                "'><svg onload=alert(3)>", "<a href=\"javascript:alert(4)\">x</a>")) {
            Document page = Jsoup.parse(ReleaseReportHtml.renderStandalone(report(s -> s + payload)));

            assertThat(page.select("script, img, svg[onload], a[href^=javascript], iframe")).as(payload).isEmpty();
            for (Element element : page.getAllElements()) {
                element.attributes().forEach(attribute -> assertThat(attribute.getKey()).as(payload)
                        .doesNotStartWith("on"));
            }
            String body = page.body().text();
            for (String field : List.of("checkout-20261201T104512Z-a1b2c3", "web-agent-1", "/opt/checkout/current",
                    "**/*.log", "shop.pgdump", "/srv/restore/etc/checkout", "replace /etc/checkout (12 files differ)")) {
                assertThat(body).as(field + payload).contains(field + payload);
            }
        }
    }
}
