package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.CheckInputs;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckRequest;
import java.io.Serializable;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of {@code verifyStability(customChecks: [...])}:
 * <ul>
 *   <li>with the name of a catalogue check and no query, it changes that check's limits for this job
 *       ({@code [name: 'latency_p99', limit: 0.5]}); the administrator decides whether a job may loosen them;</li>
 *   <li>with another name, a query and a direction, it is a check of the job's own.</li>
 * </ul>
 * The values are kept as written and read into the engine's {@link CheckRequest} when the step runs, so that a
 * mistake is reported by the step (with the check's name), recorded in the report, and not lost in a Groovy
 * stack trace. {@code direction} takes {@code HIGHER_IS_WORSE} or {@code LOWER_IS_WORSE} (any case), or the
 * short forms {@code higher} and {@code lower}; {@code maxChange} takes {@code '20%'} or {@code '20'}.
 *
 * <p>No {@code @Symbol}: the Pipeline and the Snippet Generator write the entries as plain maps.
 * Serializable because the step execution keeps them.
 */
public final class CustomCheck implements Describable<CustomCheck>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private String query;
    private String direction;
    private Double limit;
    private String maxChange;
    private Integer failAfter;
    private boolean critical;
    private String noData;
    private String unit;

    @DataBoundConstructor
    public CustomCheck(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @CheckForNull
    public String getQuery() {
        return query;
    }

    /** A PromQL template; {@code {selector}} stands for the step's service or selector. */
    @DataBoundSetter
    public void setQuery(@CheckForNull String query) {
        this.query = Util.fixEmptyAndTrim(query);
    }

    @CheckForNull
    public String getDirection() {
        return direction;
    }

    @DataBoundSetter
    public void setDirection(@CheckForNull String direction) {
        this.direction = Util.fixEmptyAndTrim(direction);
    }

    @CheckForNull
    public Double getLimit() {
        return limit;
    }

    @DataBoundSetter
    public void setLimit(@CheckForNull Double limit) {
        this.limit = limit;
    }

    @CheckForNull
    public String getMaxChange() {
        return maxChange;
    }

    /** How far the window's median may move in the bad direction from the baseline: {@code '20%'} or {@code '20'}. */
    @DataBoundSetter
    public void setMaxChange(@CheckForNull String maxChange) {
        this.maxChange = Util.fixEmptyAndTrim(maxChange);
    }

    @CheckForNull
    public Integer getFailAfter() {
        return failAfter;
    }

    @DataBoundSetter
    public void setFailAfter(@CheckForNull Integer failAfter) {
        this.failAfter = failAfter;
    }

    public boolean isCritical() {
        return critical;
    }

    @DataBoundSetter
    public void setCritical(boolean critical) {
        this.critical = critical;
    }

    @CheckForNull
    public String getNoData() {
        return noData;
    }

    @DataBoundSetter
    public void setNoData(@CheckForNull String noData) {
        this.noData = Util.fixEmptyAndTrim(noData);
    }

    @CheckForNull
    public String getUnit() {
        return unit;
    }

    @DataBoundSetter
    public void setUnit(@CheckForNull String unit) {
        this.unit = Util.fixEmptyAndTrim(unit);
    }

    /**
     * The engine's request. {@code critical} is only passed on when set: a tightening request leaves the
     * catalogue check's own flag alone.
     *
     * @throws IllegalArgumentException naming the check and the value it cannot read
     */
    CheckRequest toRequest() {
        if (name == null) {
            throw new IllegalArgumentException(Messages.CustomCheck_NameRequired());
        }
        return new CheckRequest(name, query, CheckInputs.direction(name, direction), limit,
                CheckInputs.percent(name, maxChange), failAfter, critical ? Boolean.TRUE : null,
                CheckInputs.noData(noData), unit);
    }

    @Override
    public String toString() {
        return "CustomCheck[" + name + "]";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CustomCheck> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CustomCheck_DisplayName();
        }

        /**
         * Reads one form entry; numbers are parsed here so that an empty field is "not given", not zero.
         *
         * @throws IllegalArgumentException naming the field that is not a number (the Snippet Generator shows it)
         */
        @Override
        public CustomCheck newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            return fromForm(formData);
        }

        static CustomCheck fromForm(JSONObject formData) {
            CustomCheck check = new CustomCheck(formData.optString("name"));
            check.setLimit(CheckInputs.number("limit", formData.optString("limit")));
            check.setFailAfter(StepValidation.positive("failAfter", formData.optString("failAfter")));
            check.setQuery(formData.optString("query"));
            check.setDirection(formData.optString("direction"));
            check.setMaxChange(formData.optString("maxChange"));
            check.setCritical(formData.optBoolean("critical"));
            check.setNoData(formData.optString("noData"));
            check.setUnit(formData.optString("unit"));
            return check;
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.CustomCheck_NameRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckLimit(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> CheckInputs.number("limit", value));
        }

        @POST
        public FormValidation doCheckMaxChange(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String name) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> CheckInputs.percent(name, value));
        }

        @POST
        public FormValidation doCheckFailAfter(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> StepValidation.positive("failAfter", value));
        }

        /** Empty first: a job that only tightens a catalogue check keeps the catalogue's direction. */
        @POST
        public ListBoxModel doFillDirectionItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (!jenkins.hasPermission(Item.READ, item)) {
                return items;
            }
            items.add(Messages.CustomCheck_FromCatalogue(), "");
            items.add(Messages.Direction_HigherIsWorse(), "HIGHER_IS_WORSE");
            items.add(Messages.Direction_LowerIsWorse(), "LOWER_IS_WORSE");
            return items;
        }

        @POST
        public ListBoxModel doFillNoDataItems(@AncestorInPath Item item) {
            return StepValidation.noDataItems(jenkins, item);
        }
    }
}
