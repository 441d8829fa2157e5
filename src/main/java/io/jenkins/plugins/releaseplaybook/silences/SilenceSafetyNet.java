package io.jenkins.plugins.releaseplaybook.silences;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.releaseplaybook.BackgroundPool;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Expires, when a build completes, every silence its Release Report still lists as ACTIVE: silences of
 * {@code createSilences} that no {@code expireSilences} ended, and those of a {@code silenceAlerts} block whose end
 * could not expire them. No silence outlives its build for longer than it takes to expire it; one that cannot be expired ends
 * on its own at its end time, as every silence does.
 *
 * <p>{@code onCompleted} runs while the build log is still open, so the build log says that it happens; the expiry
 * itself runs in the background (Alertmanager calls with retries must not hold up the build's completion) and
 * reports to the system log, because the build log is closed by then. The outcome is recorded in the report.
 */
@Extension
public final class SilenceSafetyNet extends RunListener<Run<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(SilenceSafetyNet.class.getName());

    @Override
    public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
        ReleaseReportAction report = run.getAction(ReleaseReportAction.class);
        if (report == null) {
            return; // not a release build
        }
        List<SilenceHandle> leftovers;
        try {
            leftovers = SilenceLedger.active(report.load());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read the Release Report of " + run + " to expire its silences", e);
            return;
        }
        if (leftovers.isEmpty()) {
            return;
        }
        listener.getLogger().println(Messages.SilenceSafetyNet_Expiring(leftovers.size(),
                String.join(", ", SilenceHandle.ids(leftovers))));
        try {
            BackgroundPool.SILENCES.submit(() -> expire(run, leftovers));
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.WARNING, "Jenkins is shutting down: the silences of " + run + " end on their own", e);
        }
    }

    private static void expire(Run<?, ?> run, List<SilenceHandle> silences) {
        String build = run.getExternalizableId();
        try {
            List<SilenceOutcome> outcomes = SilenceExpiry.expire(run, false, silences, null, StageStatus.SUCCESS,
                    line -> LOGGER.log(Level.INFO, "{0}: {1}", new Object[] {build, line}));
            for (SilenceOutcome outcome : outcomes) {
                if (!outcome.expired()) {
                    LOGGER.log(Level.WARNING, "{0}: silence {1} could not be expired ({2}); it ends on its own at {3}",
                            new Object[] {build, outcome.silence().id(), outcome.problem(),
                                outcome.silence().endsAt()});
                }
            }
        } catch (InterruptedException e) {
            LOGGER.log(Level.INFO, "{0}: Jenkins is shutting down; the silences still active end on their own", build);
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not expire or record the silences left active by " + build, e);
        }
    }
}
