package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ActiveSilence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceDraft;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOrigin;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilencePolicy;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceRecords;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceWindow;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.BuildRefs;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import io.jenkins.plugins.releaseplaybook.silences.AlertmanagerWindows;
import io.jenkins.plugins.releaseplaybook.silences.SilenceLedger;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the silences of one {@code silenceAlerts} or {@code createSilences} call: the administrator's access
 * setting and policy first (a refusal says why, and nothing reaches Alertmanager), then all silences or none,
 * recorded in the Release Report as ACTIVE under a RUNNING SILENCE stage. Every failure records a finished SILENCE
 * stage that says why, then throws an {@link AbortException} with the same text and no cause: the Pipeline keeps the
 * exception (in the flow graph, across restarts), and core's class filter refuses engine types in it.
 * Calls Alertmanager: never on the CPS VM thread.
 */
final class SilenceOpening {
    private static final Logger LOGGER = Logger.getLogger(SilenceOpening.class.getName());

    private final SilenceRequest request;
    private final Run<?, ?> run;
    private final Consumer<String> log;

    SilenceOpening(SilenceRequest request, Run<?, ?> run, Consumer<String> log) {
        this.request = request;
        this.run = run;
        this.log = log;
    }

    /** The silences created and their stage. */
    record Opened(List<ActiveSilence> silences, StageRecord stage) {}

    Opened open() throws IOException, InterruptedException {
        Instant start = Instant.now();
        ReleaseReportAction report = ReleaseReportAction.getOrCreate(run);
        try {
            ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
            allow(config, run);
            List<SilenceDraft> drafts = request.drafts();
            SilencePolicy policy = policy(config);
            int createdBefore = SilenceLedger.created(report.load());
            SilenceWindow window = AlertmanagerWindows.create(config, run, log);
            String buildUrl = BuildRefs.of(run, new JenkinsFacade()).url();
            List<ActiveSilence> silences = open(window, drafts, policy,
                    SilenceOrigin.of(createdBy(run)).linking(buildUrl).afterCreating(createdBefore));
            StageRecord stage = SilenceLedger.runningStage(request.stepName(), silences, start);
            record(report, window, silences, stage);
            return new Opened(silences, stage);
        } catch (AbortException problem) {
            fail(report, start, EngineMessages.of(problem), r -> r);
            throw problem;
        } catch (AlertingException partial) { // CREATION_INCOMPLETE; a refusal is an AbortException by now
            // All or none: the engine expired those created before the failure; any it could not is recorded as such.
            List<SilenceOutcome> leftBehind = partial.leftBehind();
            String message = EngineMessages.of(partial);
            fail(report, start, message, r -> withLeftBehind(r, leftBehind));
            // The Pipeline gets the message only; the engine's details (each attempt) go to the system log.
            LOGGER.log(Level.FINE, "Creating the silences failed", partial);
            throw new AbortException(message);
        }
    }

    /** The administrator's access setting: which jobs may create silences at all. */
    private static void allow(ReleasePlaybookConfiguration config, Run<?, ?> run) throws AbortException {
        String refusal = config.getAccess().refusalToCreateSilences(run.getParent().getFullName());
        if (refusal != null) {
            throw new AbortException(refusal);
        }
    }

    /**
     * Records the silences. Silences the report does not list would be expired by nobody (only their end time would
     * end them), so if the report cannot be written they are expired again at once.
     */
    private void record(ReleaseReportAction report, SilenceWindow window, List<ActiveSilence> silences,
            StageRecord stage) throws IOException, InterruptedException {
        try {
            report.update(r -> SilenceLedger.opened(r, silences, stage));
        } catch (IOException | RuntimeException e) {
            window.close(silences);
            throw e;
        }
    }

    /** The administrator's silence policy, or why it cannot be used. */
    private static SilencePolicy policy(ReleasePlaybookConfiguration config) throws AbortException {
        try {
            return config.silencePolicy();
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.SilenceAlertsStep_InvalidPolicy(EngineMessages.of(e)));
        }
    }

    /**
     * The engine enforces the policy before anything reaches Alertmanager; a refusal names every reason.
     *
     * @throws AlertingException {@link AlertingException.Kind#CREATION_INCOMPLETE}: creating a silence failed
     */
    private static List<ActiveSilence> open(SilenceWindow window, List<SilenceDraft> drafts, SilencePolicy policy,
            SilenceOrigin origin) throws AbortException, AlertingException, InterruptedException {
        try {
            return window.open(drafts, policy, origin).silences();
        } catch (AlertingException refused) {
            if (refused.kind() != AlertingException.Kind.POLICY_REFUSED) {
                throw refused;
            }
            throw new AbortException(Messages.SilenceAlertsStep_Refused(
                    "  - " + String.join("\n  - ", refused.reasons(EngineMessages.locale()))));
        }
    }

    /** Who created the silences, as Alertmanager shows it: {@code Jenkins: folder/job #12}. */
    static String createdBy(Run<?, ?> run) {
        return "Jenkins: " + run.getParent().getFullName() + " #" + run.getNumber();
    }

    private static ReleaseReport withLeftBehind(ReleaseReport report, List<SilenceOutcome> leftBehind) {
        ReleaseReport updated = report;
        for (SilenceOutcome outcome : leftBehind) {
            updated = updated.withSilence(SilenceRecords.closed(outcome));
        }
        return updated;
    }

    /** Records the failed stage; a failure to write it is added to the problem rather than replacing it. */
    private void fail(ReleaseReportAction report, Instant start, String message, UnaryOperator<ReleaseReport> more) {
        StageRecord failed = SilenceLedger.failedStage(request.stepName(), start, StageStatus.FAILURE, message);
        try {
            report.update(r -> more.apply(r).withStage(failed));
        } catch (IOException | RuntimeException e) {
            // The step fails with the original problem; the report is secondary here.
            LOGGER.log(Level.WARNING, "Could not record the failed " + request.stepName()
                    + " stage in the Release Report", e);
        }
    }
}
