package io.jenkins.plugins.releaseplaybook.silences;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.alerting.ActiveSilence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.Test;

/** What a step keeps of a silence across a restart gives the engine's silence back, exactly. */
public class SilenceHandleTest {
    @Test
    public void survivesSerializationAndGivesTheSilenceBack() throws Exception {
        ActiveSilence silence = SilenceLedgerTest.silence("4d1e2f");

        SilenceHandle restored = roundTrip(SilenceHandle.of(silence));

        assertThat(restored.getId()).isEqualTo("4d1e2f");
        assertThat(restored.getEndsAt()).isEqualTo(silence.endsAt());
        assertThat(restored.toActive()).isEqualTo(silence);
    }

    @Test
    public void theReportsRecordGivesTheSameSilence() {
        ActiveSilence silence = SilenceLedgerTest.silence("4d1e2f");

        assertThat(SilenceHandle.of(SilenceRecords.active(silence)).toActive()).isEqualTo(silence);
    }

    private static SilenceHandle roundTrip(SilenceHandle handle) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SilenceHandle) in.readObject();
        }
    }
}
