package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The rollback-loop guard of {@code releasePlan}: after this many consecutive rolled-back releases of a job, the next
 * release is refused until someone acknowledges them ({@code rollback:} under {@code unclassified: releasePlaybook:}
 * in Configuration as Code). 0 turns the guard off.
 */
public final class RollbackSection implements Describable<RollbackSection> {
    /** More than this is no guard at all; a typo such as 30 instead of 3 is still accepted. */
    static final int MAX = 100;

    private int maxConsecutiveRollbacks = LoopGuard.DEFAULT_MAX_CONSECUTIVE_ROLLBACKS;

    @DataBoundConstructor
    public RollbackSection() {
        // every setting has a default
    }

    /** Consecutive rolled-back releases of a job after which {@code releasePlan} refuses the next; 0: off. */
    public int getMaxConsecutiveRollbacks() {
        return maxConsecutiveRollbacks;
    }

    /** @throws IllegalArgumentException unless 0 to {@value #MAX} */
    @DataBoundSetter
    public void setMaxConsecutiveRollbacks(int maxConsecutiveRollbacks) {
        if (maxConsecutiveRollbacks < 0 || maxConsecutiveRollbacks > MAX) {
            throw new IllegalArgumentException(
                    Messages.RollbackSection_MaxInvalid(Integer.toString(maxConsecutiveRollbacks), MAX));
        }
        this.maxConsecutiveRollbacks = maxConsecutiveRollbacks;
    }

    /** What is wrong with a typed maximum, or {@code null}; blank is the default. */
    @CheckForNull
    static String maxProblem(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            int max = Integer.parseInt(value);
            return max < 0 || max > MAX ? Messages.RollbackSection_MaxInvalid(value, MAX) : null;
        } catch (NumberFormatException e) {
            return Messages.RollbackSection_MaxInvalid(value, MAX);
        }
    }

    @Extension
    @Symbol("rollback")
    public static final class DescriptorImpl extends Descriptor<RollbackSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RollbackSection_DisplayName();
        }

        /** Reads the section from the submitted form, checked first; nothing is half-applied. */
        static RollbackSection fromForm(@CheckForNull JSONObject form, RollbackSection current) throws FormException {
            if (form == null) {
                return current;
            }
            String max = form.optString("maxConsecutiveRollbacks", Integer.toString(current.maxConsecutiveRollbacks));
            ConfigurationValidation.reject(maxProblem(max), "maxConsecutiveRollbacks");
            RollbackSection section = new RollbackSection();
            String value = Util.fixEmptyAndTrim(max);
            section.setMaxConsecutiveRollbacks(
                    value == null ? LoopGuard.DEFAULT_MAX_CONSECUTIVE_ROLLBACKS : Integer.parseInt(value));
            return section;
        }

        @POST
        public FormValidation doCheckMaxConsecutiveRollbacks(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            String problem = maxProblem(value);
            if (problem != null) {
                return FormValidation.error(problem);
            }
            String text = Util.fixEmptyAndTrim(value);
            return text != null && Integer.parseInt(text) == 0
                    ? FormValidation.warning(Messages.RollbackSection_Off())
                    : FormValidation.ok();
        }
    }
}
