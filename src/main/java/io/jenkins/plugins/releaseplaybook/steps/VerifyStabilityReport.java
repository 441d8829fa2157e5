package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingStateJson;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSession;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code verifyStability} writes in the Release Report when its stage ends: the finished VERIFY stage with its
 * verification, or what was sampled of one that ended early. Static and stateless: nothing of it is saved with the
 * program; {@link VerifyStabilityExecution} decides once that the stage ends.
 */
final class VerifyStabilityReport {
    /** The execution's logger: this is its work, moved here only to keep it small. */
    private static final Logger LOGGER = Logger.getLogger(VerifyStabilityExecution.class.getName());

    private VerifyStabilityReport() {}

    /** Writes the finished stage (with the verification, when there is one); a report not written is logged. */
    static void finished(StepContext context, StageRecord stage, @CheckForNull VerificationRecord verification,
            Consumer<String> log) {
        try {
            Run<?, ?> run = Objects.requireNonNull(context.get(Run.class), "no build in the step context");
            ReleaseReportAction.getOrCreate(run).update(r -> (verification == null ? r
                    : r.withVerification(verification)).withStage(stage));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot record the end of verifyStability in the Release Report", e);
            log.accept(Messages.VerifyStabilityStep_ReportNotWritten(e.toString()));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What was sampled so far, for the report of a verification that ended before its window. Judged afresh from
     * the saved samples: a round that is being interrupted may still be feeding the live session.
     *
     * @param now the execution's live state; {@code null} when it has none
     * @param saved the execution's state as JSON; {@code null} until the verification was planned
     */
    @CheckForNull
    static VerificationRecord partial(@CheckForNull SamplingState now, @CheckForNull String saved,
            Consumer<String> log) {
        if (now == null && saved != null) { // stopped after a restart, before the resume read the state
            try {
                now = SamplingStateJson.read(saved);
            } catch (IllegalArgumentException e) {
                LOGGER.log(Level.FINE, "No partial verification: the saved state cannot be read", e);
            }
        }
        return now == null ? null : VerificationRecord.from(
                VerificationSession.withoutQueries(VerifyStabilityExecution.clock, log).concludeStopped(now));
    }
}
