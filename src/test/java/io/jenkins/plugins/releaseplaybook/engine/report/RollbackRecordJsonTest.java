package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.Test;

/** The rollback record's components added with the rollback engine: written, read back, absent in older reports. */
public class RollbackRecordJsonTest {
    private static ReleaseReport read(String json) throws ReportException {
        return ReleaseReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "r.json");
    }

    @Test
    public void aRollbackOfAnOlderReportReadsWithoutAccountingDrillOrAcknowledgement() throws Exception {
        String json = "{\"schemaVersion\":3,\"rollbacks\":[{\"trigger\":\"sh failed\",\"start\":\"2026-11-25T12:00:00Z\","
                + "\"end\":\"2026-11-25T12:01:00Z\",\"actions\":[{\"name\":\"./deploy.sh --previous\","
                + "\"status\":\"SUCCESS\",\"message\":null}],\"outcome\":\"SUCCESS\"}]}";

        RollbackRecord record = read(json).rollbacks().get(0);

        assertThat(record.trigger()).isEqualTo("sh failed");
        assertThat(record.detectedAt()).isNull();
        assertThat(record.timeToRecover()).isNull();
        assertThat(record.recoveryConfirmed()).isFalse();
        assertThat(record.drill()).isFalse();
        assertThat(record.acknowledgement()).isNull();
        assertThat(record.actions().get(0).kind()).isNull();
        assertThat(record.actions().get(0).duration()).isNull();
    }

    @Test
    public void everyNewComponentIsWrittenAndReadBack() throws Exception {
        ReleaseReport sample = SampleReports.rolledBackRelease();

        ReleaseReport again = read(new String(ReleaseReportJson.toBytes(sample), StandardCharsets.UTF_8));

        RollbackRecord record = again.rollbacks().get(0);
        assertThat(record).isEqualTo(sample.rollbacks().get(0));
        assertThat(record.timeToDetect()).isEqualTo(Duration.ofSeconds(370));
        assertThat(record.acknowledgement().by()).isEqualTo("alice");
        assertThat(record.actions().get(1).duration()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(record.actions().get(1).kind()).isEqualTo("command");
    }

    @Test
    public void anAcknowledgementWithoutItsUserIsRefusedNamingTheField() {
        String json = "{\"schemaVersion\":5,\"rollbacks\":[{\"trigger\":\"x\",\"actions\":[],\"outcome\":\"SUCCESS\","
                + "\"acknowledgement\":{\"by\":null,\"at\":\"2026-11-25T12:00:00Z\",\"via\":\"page\"}}]}";

        assertThatThrownBy(() -> read(json)).isInstanceOf(ReportException.class).hasMessageContaining("r.json")
                .hasMessageMatching("(?s).*rollbacks\\[0\\]\\.acknowledgement.*'by' is required.*");
    }
}
