package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleasePlanSpec;
import io.jenkins.plugins.releaseplaybook.engine.report.ReportException;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.BuildRefs;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code releasePlan}: declares what is released (service, version, risk, owners, scope, drill) and opens
 * the build's Release Report with a PLAN stage. The declaration is validated by the engine; an invalid one
 * fails the step with the engine's list of problems, after recording the failed PLAN stage.
 */
public class ReleasePlanStep extends Step {
    private static final Logger LOGGER = Logger.getLogger(ReleasePlanStep.class.getName());

    /** The timeline name of the stage this step records (an identifier, not prose). */
    static final String STAGE_NAME = "releasePlan";

    private final String service;
    private String version;
    private String risk = ReleasePlanSpec.DEFAULT_RISK.label();
    private List<String> owners = List.of();
    private List<String> scope = List.of();
    private boolean drill;

    @DataBoundConstructor
    public ReleasePlanStep(String service) {
        this.service = service;
    }

    public String getService() {
        return service;
    }

    @CheckForNull
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(@CheckForNull String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    public String getRisk() {
        return risk;
    }

    /** Blank means the default ({@code medium}); anything else is validated by the engine when the step runs. */
    @DataBoundSetter
    public void setRisk(@CheckForNull String risk) {
        String value = Util.fixEmptyAndTrim(risk);
        this.risk = value == null ? ReleasePlanSpec.DEFAULT_RISK.label() : value;
    }

    public List<String> getOwners() {
        return owners;
    }

    @DataBoundSetter
    public void setOwners(@CheckForNull List<String> owners) {
        this.owners = copy(owners);
    }

    public List<String> getScope() {
        return scope;
    }

    @DataBoundSetter
    public void setScope(@CheckForNull List<String> scope) {
        this.scope = copy(scope);
    }

    public boolean isDrill() {
        return drill;
    }

    @DataBoundSetter
    public void setDrill(boolean drill) {
        this.drill = drill;
    }

    /** An unmodifiable copy; a {@code null} entry becomes "" so that the engine reports it as an empty entry. */
    private static List<String> copy(@CheckForNull List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(values.size());
        for (String value : values) {
            copy.add(value == null ? "" : value);
        }
        return Collections.unmodifiableList(copy);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Runs off the CPS VM thread (it writes a file). Holds only the step's values: the build and the listener
     * come from the context, so nothing unserializable is kept.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final String service;
        private final String version;
        private final String risk;
        private final ArrayList<String> owners;
        private final ArrayList<String> scope;
        private final boolean drill;

        Execution(ReleasePlanStep step, StepContext context) {
            super(context);
            this.service = step.getService();
            this.version = step.getVersion();
            this.risk = step.getRisk();
            this.owners = new ArrayList<>(step.getOwners());
            this.scope = new ArrayList<>(step.getScope());
            this.drill = step.isDrill();
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = Objects.requireNonNull(getContext().get(Run.class), "no build in the step context");
            TaskListener listener = Objects.requireNonNull(getContext().get(TaskListener.class), "no listener");
            try {
                return plan(run, listener);
            } catch (AbortException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // Only the message goes to the Pipeline: an engine exception in the cause chain cannot be kept with
                // the build (core's class filter refuses it) nor restored after a restart.
                if (e instanceof RuntimeException) {
                    LOGGER.log(Level.WARNING, "releasePlan failed in " + run.getFullDisplayName(), e);
                }
                throw new AbortException(Messages.ReleasePlanStep_Failed(e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }

        private Map<String, Object> plan(Run<?, ?> run, TaskListener listener) throws IOException {
            Instant start = Instant.now();
            ReleaseReportAction report = ReleaseReportAction.getOrCreate(run);
            StageRecord stage = StageRecord.started(StageKind.PLAN, STAGE_NAME, start);

            ReleaseHeader header = validate(run, start, report, stage);
            StageRecord done = stage.finished(StageStatus.SUCCESS, Instant.now(), null);
            report.update(r -> r.withHeader(header).withStage(done));
            report.update(io.jenkins.plugins.releaseplaybook.config.PolicyStamp::stamp);
            listener.getLogger().println(Messages.ReleasePlanStep_Planned(header.service(),
                    header.version() == null ? Messages.ReleasePlanStep_NoVersion() : header.version(),
                    header.risk().label(),
                    header.owners().isEmpty() ? Messages.ReleasePlanStep_NoOwners() : String.join(", ", header.owners())));
            return result(header);
        }

        /** The engine's header, or a FAILURE stage in the report and an error naming every problem. */
        private ReleaseHeader validate(Run<?, ?> run, Instant start, ReleaseReportAction report, StageRecord stage)
                throws IOException {
            try {
                return new ReleasePlanSpec(service, version, risk, owners, scope, drill)
                        .toHeader(BuildRefs.of(run, new JenkinsFacade()), start);
            } catch (ReportException invalid) { // INVALID_PLAN: its message lists every problem
                StageRecord failed = stage.finished(StageStatus.FAILURE, Instant.now(), EngineMessages.of(invalid));
                report.update(r -> r.withStage(failed));
                throw new AbortException(EngineMessages.of(invalid));
            }
        }

        /** What {@code def plan = releasePlan(...)} returns to the Pipeline: plain, serializable values. */
        private static Map<String, Object> result(ReleaseHeader header) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("service", header.service());
            result.put("version", header.version());
            result.put("risk", header.risk().label());
            result.put("drill", header.drill());
            return result;
        }
    }

    @Extension
    @Symbol("releasePlan")
    public static final class DescriptorImpl extends StepDescriptor {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @Override
        public String getFunctionName() {
            return "releasePlan";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleasePlanStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /**
         * Builds the step from the Snippet Generator form. {@code owners} and {@code scope} are lists in the DSL
         * ({@code owners: ['a@example.com']}), which a form field cannot bind; the form edits them as text areas
         * ({@code ownersText}, {@code scopeText}, one entry a line) that are split here. The step itself keeps
         * only the list properties, so the DSL, the snippet and the pipeline-syntax reference stay unchanged.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            String service = Util.fixEmptyAndTrim(formData.optString("service"));
            if (service == null) {
                // Not a FormException: the Snippet Generator shows the message of a RuntimeException (and would
                // otherwise generate "releasePlan()", which fails when it runs).
                throw new IllegalArgumentException(Messages.ReleasePlanStep_ServiceRequired());
            }
            ReleasePlanStep step = new ReleasePlanStep(service);
            step.setVersion(formData.optString("version"));
            step.setRisk(formData.optString("risk"));
            step.setOwners(FormLines.split(formData.optString("ownersText")));
            step.setScope(FormLines.split(formData.optString("scopeText")));
            step.setDrill(formData.optBoolean("drill"));
            return step;
        }

        /** The text area content for a list property: one entry a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        /** Whoever may use the Snippet Generator of the job (Item/ExtendedRead) sees the message. */
        @POST
        public FormValidation doCheckService(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.EXTENDED_READ, item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.ReleasePlanStep_ServiceRequired())
                    : FormValidation.ok();
        }

        /** A fixed list; still only for users who may read the job, like the rest of the Snippet Generator. */
        @POST
        public ListBoxModel doFillRiskItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (!jenkins.hasPermission(Item.READ, item)) {
                return items;
            }
            items.add(Messages.Risk_Low(), Risk.LOW.label());
            items.add(Messages.Risk_Medium(), Risk.MEDIUM.label());
            items.add(Messages.Risk_High(), Risk.HIGH.label());
            return items;
        }
    }
}
