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
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.FormEntries;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionMaps;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackAction;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackException;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code autoRollback(restoreBackup:, command:, job:, parameters:, actions:, verify:, verifyDuration:, onAbort:,
 * stopOnError:) { body }}: runs the body (the release); when it fails, runs the declared rollback actions in order
 * (first {@code restoreBackup}, {@code command}, {@code job}, then {@code actions} in list order), optionally
 * re-verifies, records the rollback in the Release Report and fails the build saying what failed, what was done and
 * how long recovery took. The rules (triggers, order, accounting, restarts) are the engine's
 * ({@code engine.rollback}); {@link AutoRollbackExecution} only wires them to the Pipeline.
 */
public class AutoRollbackStep extends Step {
    static final String FUNCTION_NAME = "autoRollback";
    static final String LOG_PREFIX = "[" + FUNCTION_NAME + "] ";

    private Object restoreBackup;
    private String command;
    private String job;
    private Map<String, Object> parameters;
    private List<Map<String, Object>> actions = List.of();
    private boolean verify;
    private String verifyDuration;
    private boolean onAbort;
    private boolean stopOnError;

    @DataBoundConstructor
    public AutoRollbackStep() {}

    /** A backup id or name (text), or the map {@code releaseBackup} returned; {@code null} when not set. */
    @CheckForNull
    public Object getRestoreBackup() {
        return restoreBackup;
    }

    /**
     * Typed {@code Object} so that a script may pass the map {@code releaseBackup} returned as well as an id or a
     * name: structs hands an {@code Object} parameter over as it is. {@link ActionMaps#restoreBackup} checks it.
     */
    @DataBoundSetter
    public void setRestoreBackup(@CheckForNull Object restoreBackup) {
        this.restoreBackup = restoreBackup instanceof CharSequence text ? Util.fixEmptyAndTrim(text.toString())
                : restoreBackup instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : restoreBackup;
    }

    @CheckForNull
    public String getCommand() {
        return command;
    }

    /** A shell command run on the node, in the workspace, with the build's environment. */
    @DataBoundSetter
    public void setCommand(@CheckForNull String command) {
        this.command = Util.fixEmptyAndTrim(command);
    }

    @CheckForNull
    public String getJob() {
        return job;
    }

    /** The full name of a job to trigger and wait for. */
    @DataBoundSetter
    public void setJob(@CheckForNull String job) {
        this.job = Util.fixEmptyAndTrim(job);
    }

    @CheckForNull
    public Map<String, Object> getParameters() {
        return parameters;
    }

    /** The parameters of {@code job}: names to values. */
    @DataBoundSetter
    public void setParameters(@CheckForNull Map<String, Object> parameters) {
        this.parameters = parameters == null || parameters.isEmpty() ? null : new LinkedHashMap<>(parameters);
    }

    public List<Map<String, Object>> getActions() {
        return actions;
    }

    /** Several actions, each a map with one of {@code restoreBackup}, {@code command} or {@code job} (+ parameters). */
    @DataBoundSetter
    public void setActions(@CheckForNull List<Map<String, Object>> actions) {
        List<Map<String, Object>> copy = new ArrayList<>();
        if (actions != null) {
            for (Map<String, Object> action : actions) {
                copy.add(action == null ? null : new LinkedHashMap<>(action));
            }
        }
        this.actions = copy;
    }

    public boolean isVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(boolean verify) {
        this.verify = verify;
    }

    @CheckForNull
    public String getVerifyDuration() {
        return verifyDuration;
    }

    /** How long the re-verification samples; blank: 2 minutes. Needs {@code verify: true}. */
    @DataBoundSetter
    public void setVerifyDuration(@CheckForNull String verifyDuration) {
        this.verifyDuration = Util.fixEmptyAndTrim(verifyDuration);
    }

    public boolean isOnAbort() {
        return onAbort;
    }

    @DataBoundSetter
    public void setOnAbort(boolean onAbort) {
        this.onAbort = onAbort;
    }

    public boolean isStopOnError() {
        return stopOnError;
    }

    @DataBoundSetter
    public void setStopOnError(boolean stopOnError) {
        this.stopOnError = stopOnError;
    }

    /** The plan this step declares; bad input is refused naming the parameter. */
    RollbackPlan toPlan() throws AbortException {
        if (parameters != null && job == null) {
            throw new AbortException(Messages.AutoRollbackStep_ParametersWithoutJob());
        }
        if (verifyDuration != null && !verify) {
            throw new AbortException(Messages.AutoRollbackStep_DurationWithoutVerify(verifyDuration));
        }
        try {
            RollbackPlan.Builder plan = RollbackPlan.builder().onAbort(onAbort).stopOnError(stopOnError);
            if (restoreBackup != null) {
                plan.action(ActionMaps.restoreBackup(restoreBackup));
            }
            if (command != null) {
                plan.action(RollbackAction.command(command));
            }
            if (job != null) {
                plan.action(RollbackAction.job(job, ActionMaps.parameters("parameters", parameters)));
            }
            plan.actions(ActionMaps.actions(actions));
            if (verify) {
                plan.verify(verifyDuration == null ? null : duration(verifyDuration));
            }
            return plan.build();
        } catch (RollbackException e) {
            throw new AbortException(EngineMessages.of(e));
        }
    }

    private static java.time.Duration duration(String text) throws AbortException {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.AutoRollbackStep_BadDuration(EngineMessages.of(e)));
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new AutoRollbackExecution(toPlan(), context);
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
            return Messages.AutoRollbackStep_DisplayName();
        }

        /** A block step: the body is the release. */
        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        /** No node needed for the step itself: a {@code command} action asks for one when it runs. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /**
         * {@code parameters} is a text area ({@code parametersText}, NAME=VALUE a line); {@code actions} a repeatable
         * block whose entries have the same fields as the single action.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            AutoRollbackStep step = new AutoRollbackStep();
            step.setRestoreBackup(formData.optString("restoreBackup"));
            step.setCommand(formData.optString("command"));
            step.setJob(formData.optString("job"));
            step.setParameters(parameterMap(formData.optString("parametersText")));
            step.setActions(actionMaps(formData.opt("actions")));
            step.setVerify(formData.optBoolean("verify"));
            step.setVerifyDuration(formData.optString("verifyDuration"));
            step.setOnAbort(formData.optBoolean("onAbort"));
            step.setStopOnError(formData.optBoolean("stopOnError"));
            return step;
        }

        /** The text area content for {@code parameters}: NAME=VALUE, one a line. */
        public String toLines(@CheckForNull Map<String, Object> values) {
            List<String> lines = new ArrayList<>();
            if (values != null) {
                values.forEach((name, value) -> lines.add(name + "=" + (value == null ? "" : value)));
            }
            return FormLines.join(lines);
        }

        /**
         * The repeatable block's entries as the maps a script writes: each filled field of restoreBackup, command and
         * job, with its parameters; an entry left empty is dropped. An entry that fills two is kept as it is, so that
         * the step refuses it with the position named, as it does for a script.
         */
        static List<Map<String, Object>> actionMaps(@CheckForNull Object entries) {
            List<Map<String, Object>> actions = new ArrayList<>();
            for (JSONObject entry : FormEntries.of(entries)) {
                Map<String, Object> action = new LinkedHashMap<>();
                for (String key : List.of("restoreBackup", "command", "job")) {
                    String value = Util.fixEmptyAndTrim(entry.optString(key));
                    if (value != null) {
                        action.put(key, value);
                    }
                }
                Map<String, Object> parameters = parameterMap(entry.optString("parametersText"));
                if (!parameters.isEmpty()) {
                    action.put("parameters", parameters);
                }
                if (!action.isEmpty()) {
                    actions.add(action);
                }
            }
            return actions;
        }

        /** NAME=VALUE lines as a map; a line without {@code =} is a parameter with an empty value. */
        static Map<String, Object> parameterMap(@CheckForNull String text) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String line : FormLines.split(text)) {
                int eq = line.indexOf('=');
                map.put(eq < 0 ? line : line.substring(0, eq).strip(), eq < 0 ? "" : line.substring(eq + 1).strip());
            }
            return map;
        }

        @POST
        public FormValidation doCheckVerifyDuration(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter boolean verify) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return FormValidation.ok();
            }
            if (!verify) {
                return FormValidation.error(Messages.AutoRollbackStep_DurationWithoutVerify(text));
            }
            try {
                java.time.Duration window = Durations.parse(text);
                return window.isZero() || window.isNegative()
                        ? FormValidation.error(Messages.AutoRollbackStep_NotPositive(text)) : FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(Messages.AutoRollbackStep_BadDuration(EngineMessages.of(e)));
            }
        }

        @POST
        public FormValidation doCheckJob(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String parametersText) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null && !FormLines.split(parametersText).isEmpty()
                    ? FormValidation.error(Messages.AutoRollbackStep_ParametersWithoutJob()) : FormValidation.ok();
        }
    }
}
