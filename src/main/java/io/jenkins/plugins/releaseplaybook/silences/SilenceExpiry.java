package io.jenkins.plugins.releaseplaybook.silences;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ActiveSilence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceWindow;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Expires silences of a build and records what became of them. Every path that ends silences goes through here:
 * the end of a {@code silenceAlerts} block, {@code expireSilences} (after {@code createSilences}), and the safety net
 * when a build completes.
 *
 * <p>Silences the report already lists as expired (or as not expirable) are skipped, so that expiring twice, for
 * example after a restart, does no harm. A silence another thread is expiring right now is skipped as well: a
 * block aborted while its silences were being expired must not race the safety net of the completed build.
 *
 * <p>Expiring calls Alertmanager with retries and backoff: never call this on the CPS VM thread.
 */
public final class SilenceExpiry {
    /** IDs of the silences being expired right now, by any build. */
    private static final Set<String> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private SilenceExpiry() {}

    /**
     * Expires those of the silences that are still active and records the outcomes in the build's report.
     *
     * @param run the build that created the silences
     * @param trackCredentials whether to record the use of the Alertmanager credentials on the build (not for a
     *     build that has completed)
     * @param ownStageId the SILENCE stage to finish with {@code ownStatus} (a block's own stage), or {@code null}
     * @param log one line per silence and per problem
     * @return the outcome of each silence this call tried to expire
     * @throws InterruptedException if the thread was interrupted (Jenkins shutting down, or a step aborted); the
     *     silences not yet recorded as expired stay ACTIVE in the report, for a later attempt
     * @throws IOException if the report could not be written; the silences were expired all the same
     */
    public static List<SilenceOutcome> expire(Run<?, ?> run, boolean trackCredentials, List<SilenceHandle> silences,
            @CheckForNull String ownStageId, StageStatus ownStatus, Consumer<String> log)
            throws IOException, InterruptedException {
        ReleaseReportAction report = ReleaseReportAction.getOrCreate(run);
        List<SilenceHandle> pending = pending(report, silences, log);
        List<SilenceHandle> claimed = claim(pending, log);
        try {
            List<SilenceOutcome> outcomes = claimed.isEmpty() ? List.of()
                    : close(run, trackCredentials, SilenceHandle.toActive(claimed), log);
            Instant now = Instant.now();
            report.update(r -> SilenceLedger.closed(r, outcomes, ownStageId, ownStatus, now));
            return outcomes;
        } finally {
            release(claimed);
        }
    }

    /** Whether any of the silences is being expired right now (a restart should wait for that). */
    public static boolean isExpiring(Collection<SilenceHandle> silences) {
        return silences.stream().anyMatch(silence -> IN_FLIGHT.contains(silence.getId()));
    }

    /** The silences the report does not list as closed; all of them when the report cannot be read. */
    private static List<SilenceHandle> pending(ReleaseReportAction report, List<SilenceHandle> silences,
            Consumer<String> log) {
        try {
            return SilenceLedger.stillActive(report.load(), silences);
        } catch (IOException e) {
            log.accept(Messages.SilenceExpiry_ReportUnreadable(EngineMessages.of(e)));
            return silences;
        }
    }

    private static List<SilenceHandle> claim(List<SilenceHandle> silences, Consumer<String> log) {
        List<SilenceHandle> claimed = new ArrayList<>();
        for (SilenceHandle silence : silences) {
            if (IN_FLIGHT.add(silence.getId())) {
                claimed.add(silence);
            } else {
                log.accept(Messages.SilenceExpiry_BusyElsewhere(silence.getId()));
            }
        }
        return claimed;
    }

    private static void release(List<SilenceHandle> claimed) {
        for (SilenceHandle silence : claimed) {
            IN_FLIGHT.remove(silence.getId());
        }
    }

    /**
     * The engine's window expires each silence with retries, and never throws for an Alertmanager failure. When
     * the settings themselves cannot be used (no Alertmanager configured any more, credentials gone), nothing can be
     * expired: each silence is reported with that reason, and ends on its own at its end time.
     */
    private static List<SilenceOutcome> close(Run<?, ?> run, boolean trackCredentials, List<ActiveSilence> silences,
            Consumer<String> log) throws InterruptedException {
        SilenceWindow window;
        try {
            window = AlertmanagerWindows.create(ReleasePlaybookConfiguration.get(), trackCredentials ? run : null, log);
        } catch (AbortException unusable) {
            log.accept(EngineMessages.of(unusable));
            List<SilenceOutcome> outcomes = new ArrayList<>(silences.size());
            for (ActiveSilence silence : silences) {
                outcomes.add(new SilenceOutcome(silence, false, EngineMessages.of(unusable), List.of()));
            }
            return outcomes;
        }
        return window.close(silences).outcomes();
    }
}
