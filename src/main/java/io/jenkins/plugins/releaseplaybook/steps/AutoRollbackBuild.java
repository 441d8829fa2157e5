package io.jenkins.plugins.releaseplaybook.steps;

import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackAction;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What {@code autoRollback} shows in the build when its body starts, besides its state file: the RELEASE stage in
 * the report, the drill mark in the description, the plan in the log. Static and stateless: nothing of it is saved
 * with the program.
 */
final class AutoRollbackBuild {
    private AutoRollbackBuild() {}

    /** Records the release start (the stage running, a drill in the description), then logs the plan. */
    static void releaseStarted(ReleaseReportAction report, Run<?, ?> run, String releaseStageId, Instant start,
            boolean drill, RollbackPlan plan, Consumer<String> log) throws IOException {
        report.update(r -> r.withStage(new StageRecord(releaseStageId, StageKind.RELEASE, "release", start, null,
                StageStatus.RUNNING, null)));
        if (drill) {
            markDrill(run);
        }
        log.accept(Messages.AutoRollbackStep_Plan(plan.actions().stream().map(RollbackAction::describe)
                .collect(Collectors.joining("; ")), plan.verify()
                        ? Messages.AutoRollbackStep_PlanVerify(Durations.forPeople(plan.verifyDuration(),
                                EngineMessages.locale()))
                        : ""));
    }

    /** Marks the build as a drill in its description (once), so that build lists show it. */
    static void markDrill(Run<?, ?> run) throws IOException {
        String description = run.getDescription();
        if (description == null || description.isBlank()) {
            run.setDescription(AutoRollbackExecution.DRILL);
        } else if (!description.contains(AutoRollbackExecution.DRILL)) {
            run.setDescription(AutoRollbackExecution.DRILL + " " + description);
        }
    }
}
