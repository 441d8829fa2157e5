package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import java.util.List;

/** Silences as the Release Report records them. */
public final class SilenceRecords {
    private SilenceRecords() {}

    public static SilenceRecord active(ActiveSilence silence) {
        return record(silence, SilenceState.ACTIVE, List.of());
    }

    public static SilenceRecord closed(SilenceOutcome outcome) {
        return record(outcome.silence(), outcome.expired() ? SilenceState.EXPIRED : SilenceState.EXPIRY_FAILED,
                outcome.suppressedAlerts());
    }

    private static SilenceRecord record(ActiveSilence silence, SilenceState state, List<String> suppressed) {
        return new SilenceRecord(silence.id(), List.of(), silence.matcherTexts(), silence.startsAt(), silence.endsAt(),
                silence.createdBy(), silence.comment(), silence.endpoint().toString(), state, suppressed);
    }
}
