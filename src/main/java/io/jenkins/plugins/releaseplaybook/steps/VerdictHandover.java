package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.steps.VerificationRequest.OnInconclusive;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * How a concluded {@code verifyStability} ends its step, once its stage is finished: it fails, marks the build
 * UNSTABLE, or returns the result map, as the verdict and {@code onInconclusive} say. Static and stateless: nothing of
 * it is saved with the program.
 */
final class VerdictHandover {
    /** The execution's logger: this is its work, moved here only to keep it small. */
    private static final Logger LOGGER = Logger.getLogger(VerifyStabilityExecution.class.getName());

    private VerdictHandover() {}

    static void handOver(StepContext context, VerificationResult result, Verdict verdict, OnInconclusive onInconclusive,
            Consumer<String> log) {
        try {
            switch (verdict) {
                case FAIL, ERROR -> context.onFailure(new AbortException(
                        VerificationOutcome.explain(result, Verdict.FAIL, Verdict.ERROR)));
                case INCONCLUSIVE -> inconclusive(context, result, onInconclusive, log);
                case PASS -> context.onSuccess(VerificationOutcome.toMap(result));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The stage is finished; the step must end too, whatever marking the build UNSTABLE ran into.
            LOGGER.log(Level.WARNING, "verifyStability could not hand over its verdict", e);
            context.onFailure(new AbortException(Messages.VerifyStabilityStep_Unexpected(e.toString())));
        }
    }

    private static void inconclusive(StepContext context, VerificationResult result, OnInconclusive onInconclusive,
            Consumer<String> log) throws IOException, InterruptedException {
        String explanation = VerificationOutcome.explain(result, Verdict.INCONCLUSIVE);
        switch (onInconclusive) {
            case FAILURE -> {
                context.onFailure(new AbortException(explanation));
                return;
            }
            case SUCCESS -> log.accept(Messages.VerifyStabilityStep_InconclusiveIgnored());
            case UNSTABLE -> {
                // As the unstable step does: the warning marks this step in the Pipeline views, the result the build.
                FlowNode node = context.get(FlowNode.class);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(result.summary()));
                }
                run(context).setResult(Result.UNSTABLE);
                log.accept(Messages.VerifyStabilityStep_MarkedUnstable(explanation));
            }
        }
        context.onSuccess(VerificationOutcome.toMap(result));
    }

    private static Run<?, ?> run(StepContext context) throws IOException, InterruptedException {
        return Objects.requireNonNull(context.get(Run.class), "no build in the step context");
    }
}
