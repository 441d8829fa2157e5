package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.OpenStages;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes, when a build completes, every Release Report stage still RUNNING: ABORTED, "build ended while the stage
 * was running". Steps finish their own stages before they end, so this only catches a stage whose end was never
 * recorded; without it such a stage would show as running forever. {@code onCompleted} rather than
 * {@code onFinalized}: the build log is still open, so the log says so.
 *
 * <p>Which stages that are, SILENCE stages of active silences aside, is the engine's {@link OpenStages}.
 */
@Extension
public final class OpenStagesCloser extends RunListener<Run<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(OpenStagesCloser.class.getName());

    @Override
    public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
        ReleaseReportAction report = run.getAction(ReleaseReportAction.class);
        if (report == null) {
            return; // not a release build
        }
        try {
            List<StageRecord> open = OpenStages.of(report.load());
            if (open.isEmpty()) {
                return;
            }
            String message = Messages.OpenStagesCloser_Message();
            Instant end = Instant.now();
            report.update(r -> OpenStages.close(r, StageStatus.ABORTED, end, message));
            List<String> names = open.stream().map(stage -> stage.kind() + " " + stage.name()).toList();
            listener.getLogger().println(Messages.OpenStagesCloser_Closed(names.size(), String.join(", ", names)));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot close the stages " + run + " left running in its Release Report", e);
        }
    }
}
