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
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleasePlanSpec;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
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
 * {@code releasePlan}: declares what is released (service, version, risk, owners, scope, drill) and the emergency plan
 * (contacts, triggers, rollback plan in words, where to notify), checks the rollback-loop guard and opens the build's
 * Release Report with a PLAN stage. The declaration is validated by the engine; an invalid one fails the step with the
 * engine's list of problems, after recording the failed PLAN stage. The work is {@link ReleasePlanExecution}'s; the
 * Snippet Generator form is read by {@link ReleasePlanForm}.
 */
public class ReleasePlanStep extends Step {
    /** The timeline name of the stage this step records (an identifier, not prose). */
    static final String STAGE_NAME = "releasePlan";

    private final String service;
    private String version;
    private String risk = ReleasePlanSpec.DEFAULT_RISK.label();
    private List<String> owners = List.of();
    private List<String> scope = List.of();
    private boolean drill;
    private List<Contact> contacts = List.of();
    private List<String> triggers = List.of();
    private String rollbackPlan;
    private List<String> notify = List.of();
    private boolean acknowledgeRollbacks;

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

    /** Who to reach during the release; validated by the engine when the step runs. */
    public List<Contact> getContacts() {
        return contacts;
    }

    @DataBoundSetter
    public void setContacts(@CheckForNull List<Contact> contacts) {
        this.contacts = contacts == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(contacts));
    }

    /** The conditions that start the emergency plan, in words. */
    public List<String> getTriggers() {
        return triggers;
    }

    @DataBoundSetter
    public void setTriggers(@CheckForNull List<String> triggers) {
        this.triggers = copy(triggers);
    }

    /** The rollback plan in words, beside the {@code autoRollback} actions that execute it. */
    @CheckForNull
    public String getRollbackPlan() {
        return rollbackPlan;
    }

    @DataBoundSetter
    public void setRollbackPlan(@CheckForNull String rollbackPlan) {
        this.rollbackPlan = Util.fixEmptyAndTrim(rollbackPlan);
    }

    /** Where notifications go (mail addresses, chat channels). */
    public List<String> getNotify() {
        return notify;
    }

    @DataBoundSetter
    public void setNotify(@CheckForNull List<String> notify) {
        this.notify = copy(notify);
    }

    /** Whether this build acknowledges the job's consecutive rolled-back releases for the loop guard. */
    public boolean isAcknowledgeRollbacks() {
        return acknowledgeRollbacks;
    }

    @DataBoundSetter
    public void setAcknowledgeRollbacks(boolean acknowledgeRollbacks) {
        this.acknowledgeRollbacks = acknowledgeRollbacks;
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
        return new ReleasePlanExecution(this, context);
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

        /** Builds the step from the Snippet Generator form ({@link ReleasePlanForm}: list properties as text areas). */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            return ReleasePlanForm.toStep(formData);
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
