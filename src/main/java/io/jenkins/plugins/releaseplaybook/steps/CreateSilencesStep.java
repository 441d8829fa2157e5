package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.silences.SilenceExpiry;
import io.jenkins.plugins.releaseplaybook.silences.SilenceHandle;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code createSilences}: creates the same silences as {@code silenceAlerts}, under the same policy and all or none,
 * without a body, and returns their IDs. They stay active until {@code expireSilences} ends them, or the safety net
 * ({@code SilenceSafetyNet}) does when the build completes; each also ends on its own at its end time.
 *
 * <p>A step of its own because workflow-cps refuses to call a step whose descriptor takes a block without one.
 * Creating the silences runs in the background, never on the CPS VM thread ({@link SilenceOpeningExecution}).
 */
public class CreateSilencesStep extends AbstractSilenceStep {
    static final String FUNCTION_NAME = "createSilences";

    @DataBoundConstructor
    public CreateSilencesStep() {}

    @Override
    String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(request(), context);
    }

    /** Creates the silences in the background and returns their IDs, a plain list of strings. */
    static final class Execution extends SilenceOpeningExecution {
        private static final long serialVersionUID = 1L;

        Execution(SilenceRequest request, StepContext context) {
            super(request, context);
        }

        @Override
        boolean handOver(StepContext context, PrintStream log, ArrayList<SilenceHandle> created, String stage) {
            log.println(logPrefix() + Messages.CreateSilencesStep_StayActive());
            context.onSuccess(new ArrayList<>(SilenceHandle.ids(created)));
            return true;
        }

        /** The silences were created before Jenkins stopped, but the step had not returned them: it does now. */
        @Override
        void resume(ArrayList<SilenceHandle> created, String stage) {
            getContext().onSuccess(new ArrayList<>(SilenceHandle.ids(created)));
        }

        @Override
        public String getStatus() {
            List<SilenceHandle> created = created();
            if (created == null) {
                return "creating silences";
            }
            return SilenceExpiry.isExpiring(created) ? "expiring silences" : "silences created";
        }
    }

    @Extension
    @Symbol(FUNCTION_NAME)
    public static final class DescriptorImpl extends SilenceStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CreateSilencesStep_DisplayName();
        }

        @Override
        AbstractSilenceStep newStep() {
            return new CreateSilencesStep();
        }
    }
}
