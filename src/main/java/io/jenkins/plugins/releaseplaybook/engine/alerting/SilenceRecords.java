package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import java.net.URI;
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

    /**
     * The silence a report record describes, to expire it later (a safety net, an explicit step).
     *
     * @throws AlertingException {@link AlertingException.Kind#MATCHER_SYNTAX} if the record's matchers are not valid
     *     (a hand-edited report)
     */
    public static ActiveSilence toActive(SilenceRecord record) throws AlertingException {
        return new ActiveSilence(record.id(), MatcherParser.parseAll(record.matchers()), record.startsAt(),
                record.endsAt(), record.createdBy(), record.comment(), URI.create(record.endpoint()));
    }

    private static SilenceRecord record(ActiveSilence silence, SilenceState state, List<String> suppressed) {
        return new SilenceRecord(silence.id(), List.of(), silence.matcherTexts(), silence.startsAt(), silence.endsAt(),
                silence.createdBy(), silence.comment(), silence.endpoint().toString(), state, suppressed);
    }
}
