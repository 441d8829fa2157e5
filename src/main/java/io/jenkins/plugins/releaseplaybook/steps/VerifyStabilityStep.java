package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.FormEntries;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import io.jenkins.plugins.releaseplaybook.steps.VerificationRequest.OnInconclusive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code verifyStability}: samples Prometheus checks over a window after the release, compares them with their
 * thresholds and with the window before the release, and returns the verdict. FAIL and ERROR fail the step;
 * INCONCLUSIVE marks it (and the build) UNSTABLE unless {@code onInconclusive} says otherwise. The report gets a
 * VERIFY stage from the start, finished also when the step fails or is aborted, and the verification itself.
 *
 * <p>Exactly one of {@code service} (becomes {@code service="..."}) and {@code selector} (raw label matchers
 * without braces) says what to verify; both are optional setters so that either can be written alone. What the
 * engine decides (which checks, which thresholds, the verdict) is the engine's; this class binds parameters,
 * finds the administrator's settings and credentials, and talks to the build.
 */
public class VerifyStabilityStep extends Step {
    static final String FUNCTION_NAME = "verifyStability";
    /** Starts every line this step writes to the build log. */
    static final String LOG_PREFIX = "[" + FUNCTION_NAME + "] ";

    private String service;
    private String selector;
    private List<String> checks = List.of();
    private List<CustomCheck> customChecks = List.of();
    private String duration;
    private String interval;
    private String baseline;
    private Integer failAfter;
    private String noData;
    private String onInconclusive = OnInconclusive.UNSTABLE.name();

    @DataBoundConstructor
    public VerifyStabilityStep() {}

    @CheckForNull
    public String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(@CheckForNull String service) {
        this.service = Util.fixEmptyAndTrim(service);
    }

    @CheckForNull
    public String getSelector() {
        return selector;
    }

    @DataBoundSetter
    public void setSelector(@CheckForNull String selector) {
        this.selector = Util.fixEmptyAndTrim(selector);
    }

    public List<String> getChecks() {
        return checks;
    }

    /** Catalogue check names; entries are trimmed and blank ones dropped. Empty: the administrator's default set. */
    @DataBoundSetter
    public void setChecks(@CheckForNull List<String> checks) {
        List<String> names = new ArrayList<>();
        if (checks != null) {
            for (String name : checks) {
                String value = Util.fixEmptyAndTrim(name);
                if (value != null) {
                    names.add(value);
                }
            }
        }
        this.checks = Collections.unmodifiableList(names);
    }

    public List<CustomCheck> getCustomChecks() {
        return customChecks;
    }

    @DataBoundSetter
    public void setCustomChecks(@CheckForNull List<CustomCheck> customChecks) {
        this.customChecks = customChecks == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(customChecks));
    }

    @CheckForNull
    public String getDuration() {
        return duration;
    }

    /** Blank: the administrator's default. */
    @DataBoundSetter
    public void setDuration(@CheckForNull String duration) {
        this.duration = Util.fixEmptyAndTrim(duration);
    }

    @CheckForNull
    public String getInterval() {
        return interval;
    }

    /** Blank: the administrator's default. */
    @DataBoundSetter
    public void setInterval(@CheckForNull String interval) {
        this.interval = Util.fixEmptyAndTrim(interval);
    }

    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    /** Blank: as long as the duration; {@code 0} or {@code none}: no baseline. */
    @DataBoundSetter
    public void setBaseline(@CheckForNull String baseline) {
        this.baseline = Util.fixEmptyAndTrim(baseline);
    }

    @CheckForNull
    public Integer getFailAfter() {
        return failAfter;
    }

    @DataBoundSetter
    public void setFailAfter(@CheckForNull Integer failAfter) {
        this.failAfter = failAfter;
    }

    @CheckForNull
    public String getNoData() {
        return noData;
    }

    /**
     * Takes any case and stores the constant's name ({@code fail} becomes {@code FAIL}), as custom checks do: the
     * form's select box offers the constant names, and a value it does not list would be lost on the next save. A
     * text that cannot be read is kept as written, and the step reports it when it runs.
     */
    @DataBoundSetter
    public void setNoData(@CheckForNull String noData) {
        String value = Util.fixEmptyAndTrim(noData);
        if (value != null) {
            try {
                value = NoDataPolicy.parse(value).name();
            } catch (IllegalArgumentException unreadable) {
                // kept as written: the step names it when it runs
            }
        }
        this.noData = value;
    }

    public String getOnInconclusive() {
        return onInconclusive;
    }

    /** {@code UNSTABLE} (the default, also for blank), {@code FAILURE} or {@code SUCCESS}; checked when the step runs. */
    @DataBoundSetter
    public void setOnInconclusive(@CheckForNull String onInconclusive) {
        String value = Util.fixEmptyAndTrim(onInconclusive);
        this.onInconclusive = value == null ? OnInconclusive.UNSTABLE.name() : value;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new VerifyStabilityExecution(new VerificationRequest(this), context);
    }

    @Extension
    @Symbol(FUNCTION_NAME)
    public static final class DescriptorImpl extends StepDescriptor {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VerifyStabilityStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /**
         * Builds the step from the Snippet Generator form. {@code checks} is a list in the DSL, edited here as a
         * text area ({@code checksText}, one name a line); custom checks come from a repeatable block and are read
         * by {@code CustomCheck.DescriptorImpl.fromForm}. Numbers are parsed here, so that an empty field means
         * "not given". A typo throws {@link IllegalArgumentException} naming the field: the Snippet Generator shows
         * a runtime exception's message (a checked {@code FormException} gives an error page), and the field's own
         * check ({@link #doCheckFailAfter}) has already said what is wrong next to it.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            try {
                VerifyStabilityStep step = new VerifyStabilityStep();
                step.setService(formData.optString("service"));
                step.setSelector(formData.optString("selector"));
                step.setChecks(FormLines.split(formData.optString("checksText")));
                step.setCustomChecks(FormEntries.of(formData.opt("customChecks")).stream()
                        .map(CustomCheck.DescriptorImpl::fromForm).toList());
                step.setDuration(formData.optString("duration"));
                step.setInterval(formData.optString("interval"));
                step.setBaseline(formData.optString("baseline"));
                step.setFailAfter(StepValidation.positive("failAfter", formData.optString("failAfter")));
                step.setNoData(formData.optString("noData"));
                step.setOnInconclusive(formData.optString("onInconclusive"));
                return step;
            } catch (IllegalArgumentException e) {
                throw StepValidation.messageOnly(e); // the snippet box then starts with the message
            }
        }

        /** The text area content for a list property: one entry a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckService(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String selector) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            boolean hasService = Util.fixEmptyAndTrim(value) != null;
            boolean hasSelector = Util.fixEmptyAndTrim(selector) != null;
            if (hasService == hasSelector) {
                return FormValidation.error(hasService
                        ? Messages.VerifyStabilityStep_TargetTwice(value.strip(), selector.strip())
                        : Messages.VerifyStabilityStep_TargetMissing());
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckSelector(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            String text = Util.fixEmptyAndTrim(value);
            return text != null && (text.startsWith("{") || text.endsWith("}"))
                    ? FormValidation.error(Messages.VerifyStabilityStep_SelectorBraces(text))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return checkDuration(item, value);
        }

        @POST
        public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) {
            return checkDuration(item, value);
        }

        @POST
        public FormValidation doCheckBaseline(@AncestorInPath Item item, @QueryParameter String value) {
            String text = Util.fixEmptyAndTrim(value);
            if (text != null && (text.equals("0") || text.equalsIgnoreCase("none") || text.equalsIgnoreCase("off"))) {
                return FormValidation.ok();
            }
            return checkDuration(item, value);
        }

        private FormValidation checkDuration(@CheckForNull Item item, @CheckForNull String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> Durations.parse(value));
        }

        @POST
        public FormValidation doCheckFailAfter(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> StepValidation.positive("failAfter", value));
        }

        @POST
        public ListBoxModel doFillNoDataItems(@AncestorInPath Item item) {
            return StepValidation.noDataItems(jenkins, item);
        }

        @POST
        public ListBoxModel doFillOnInconclusiveItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (!jenkins.hasPermission(Item.READ, item)) {
                return items;
            }
            items.add(Messages.VerifyStabilityStep_OnInconclusiveUnstable(), OnInconclusive.UNSTABLE.name());
            items.add(Messages.VerifyStabilityStep_OnInconclusiveFailure(), OnInconclusive.FAILURE.name());
            items.add(Messages.VerifyStabilityStep_OnInconclusiveSuccess(), OnInconclusive.SUCCESS.name());
            return items;
        }
    }
}
