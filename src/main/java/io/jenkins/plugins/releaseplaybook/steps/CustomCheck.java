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
import io.jenkins.plugins.releaseplaybook.config.ChoiceLists;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckRequest;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.ThresholdText;
import java.io.Serializable;
import java.util.function.Supplier;
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
 *       ({@code [name: 'latency_p99', limit: '500ms']}); the administrator decides whether a job may loosen them;</li>
 *   <li>with another name, a query and a direction, it is a check of the job's own.</li>
 * </ul>
 * The values are kept as written (valid ones in their canonical spelling) and read into the engine's
 * {@link CheckRequest} when the step runs, so that a mistake is reported by the step (with the check's name),
 * recorded in the report, and not lost in a Groovy stack trace.
 *
 * <p>{@code limit} and {@code maxChange} take a number or a text: structs' data binding hands a {@code String}
 * property nothing but strings ({@code limit: 0.02} is a Groovy {@code BigDecimal}, {@code limit: 1} an
 * {@code Integer}, and both fail with a {@code ClassCastException}), so their setters take {@code Object} and keep
 * the text ({@link ThresholdText#textOf}). The getters return that text.
 *
 * <p>No {@code @Symbol}: the Pipeline and the Snippet Generator write the entries as plain maps.
 * Serializable because the step execution keeps them.
 */
public final class CustomCheck implements Describable<CustomCheck>, Serializable {
    private static final long serialVersionUID = 2L;

    private final String name;
    private String query;
    private String direction;
    private String limit;
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

    /** {@code HIGHER_IS_WORSE} or {@code LOWER_IS_WORSE}; blank: the catalogue check's. */
    @CheckForNull
    public String getDirection() {
        return direction;
    }

    /** Takes the short forms {@code higher} and {@code lower} in any case too, and stores the constant's name. */
    @DataBoundSetter
    public void setDirection(@CheckForNull String direction) {
        String value = Util.fixEmptyAndTrim(direction);
        this.direction = value == null ? null : canonical(value, () -> Direction.parse(value).name());
    }

    /** The absolute limit as text, such as {@code 0.02}, {@code 1%} or {@code 500ms}; {@code null} for none. */
    @CheckForNull
    public String getLimit() {
        return limit;
    }

    /**
     * A number ({@code limit: 0.02}, {@code limit: 1}) or a text ({@code limit: '500ms'}); blank means none. A text
     * that cannot be read is kept, and the step reports it naming the check.
     */
    @DataBoundSetter
    public void setLimit(@CheckForNull Object limit) {
        String value = Util.fixEmptyAndTrim(ThresholdText.textOf(Util.fixNull(name), "limit", limit));
        this.limit = value == null ? null : canonical(value, () -> CheckInputs.thresholdText(name, "limit", value));
    }

    @CheckForNull
    public String getMaxChange() {
        return maxChange;
    }

    /**
     * How far the window's median may move in the bad direction from the baseline: {@code '20%'}, {@code '20'} or
     * {@code 20}; blank means none.
     */
    @DataBoundSetter
    public void setMaxChange(@CheckForNull Object maxChange) {
        this.maxChange = Util.fixEmptyAndTrim(ThresholdText.textOf(Util.fixNull(name), "maxChange", maxChange));
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

    /** {@code INCONCLUSIVE}, {@code FAIL} or {@code IGNORE}; blank: the catalogue check's or the step's. */
    @CheckForNull
    public String getNoData() {
        return noData;
    }

    /** Takes any case, and stores the constant's name. */
    @DataBoundSetter
    public void setNoData(@CheckForNull String noData) {
        String value = Util.fixEmptyAndTrim(noData);
        this.noData = value == null ? null : canonical(value, () -> NoDataPolicy.parse(value).name());
    }

    @CheckForNull
    public String getUnit() {
        return unit;
    }

    @DataBoundSetter
    public void setUnit(@CheckForNull String unit) {
        this.unit = Util.fixEmptyAndTrim(unit);
    }

    /** The canonical spelling when the text can be read, else the text as written (the step reports it). */
    private static String canonical(String text, Supplier<String> spelling) {
        try {
            return spelling.get();
        } catch (IllegalArgumentException e) {
            return text;
        }
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
        return CheckRequest.builder(name).query(query).direction(CheckInputs.direction(name, direction))
                .limit(CheckInputs.threshold(name, "limit", limit)).maxChangePercent(CheckInputs.percent(name, maxChange))
                .failAfter(failAfter).critical(critical ? Boolean.TRUE : null).noData(CheckInputs.noData(noData))
                .unit(unit).build();
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
         * Reads one form entry. Throws {@link IllegalArgumentException} with the message, not the checked
         * {@link FormException}: the Snippet Generator reports only runtime exceptions to the user.
         */
        @Override
        public CustomCheck newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            return fromForm(formData);
        }

        /**
         * Reads one form entry; numbers are read here so that an empty field is "not given", not zero.
         *
         * <p>Unlike the DSL, which keeps an unreadable limit for the step to report, the form refuses it here: the
         * Snippet Generator would otherwise write a snippet that fails when it runs.
         *
         * @throws IllegalArgumentException naming the check, the field and the value when {@code failAfter},
         *     {@code limit} or {@code maxChange} cannot be read
         */
        static CustomCheck fromForm(JSONObject formData) {
            CustomCheck check = new CustomCheck(formData.optString("name"));
            check.setFailAfter(StepValidation.positive("failAfter", formData.optString("failAfter")));
            CheckInputs.thresholdText(check.getName(), "limit", formData.optString("limit"));
            CheckInputs.percent(check.getName(), formData.optString("maxChange"));
            check.setLimit(formData.optString("limit"));
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
        public FormValidation doCheckLimit(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String name) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> CheckInputs.thresholdText(name, "limit", value));
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

        /**
         * "Same as the catalogue" comes first only when the catalogue has a check of this name: a new check of the
         * job's own needs a real direction, so it gets one by default.
         */
        @POST
        public ListBoxModel doFillDirectionItems(@AncestorInPath Item item, @QueryParameter String name) {
            if (!jenkins.hasPermission(Item.READ, item)) {
                return new ListBoxModel();
            }
            return ChoiceLists.directionsFor(inCatalogue(name));
        }

        private static boolean inCatalogue(@CheckForNull String name) {
            String value = Util.fixEmptyAndTrim(name);
            if (value == null) {
                return false;
            }
            try {
                return ReleasePlaybookConfiguration.get().catalogue().find(value).isPresent();
            } catch (IllegalArgumentException e) {
                return false; // an invalid stored catalogue: the step reports it when it runs
            }
        }

        @POST
        public ListBoxModel doFillNoDataItems(@AncestorInPath Item item) {
            if (!jenkins.hasPermission(Item.READ, item)) {
                return new ListBoxModel();
            }
            return ChoiceLists.noDataPoliciesOrEachChecksOwn();
        }
    }
}
