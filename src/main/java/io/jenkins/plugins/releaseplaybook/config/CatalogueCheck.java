package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of the administrator's check catalogue, as Manage Jenkins and Configuration as Code edit it: the
 * fields of the engine's {@link CheckDefinition}. This class only holds the values; whether they make a valid
 * check is the engine's decision, asked in {@link #toDefinition()} when the catalogue is saved.
 */
public final class CatalogueCheck implements Describable<CatalogueCheck> {
    private final String name;
    private final String query;
    private final Direction direction;
    private String description;
    private Double limit;
    private Double maxChangePercent;
    private Integer failAfter;
    private boolean critical;
    private NoDataPolicy noData = NoDataPolicy.INCONCLUSIVE;
    private String unit = "";

    @DataBoundConstructor
    public CatalogueCheck(String name, String query, Direction direction) {
        this.name = Util.fixEmptyAndTrim(name);
        this.query = Util.fixEmptyAndTrim(query);
        this.direction = direction;
    }

    /** The entry for an engine check, so that the built-in catalogue can be shown and edited. */
    public static CatalogueCheck of(CheckDefinition definition) {
        CatalogueCheck check = new CatalogueCheck(definition.name(), definition.query(), definition.direction());
        check.setDescription(definition.description());
        check.setLimit(definition.limit());
        check.setMaxChangePercent(definition.maxChangePercent());
        check.setFailAfter(definition.failAfter());
        check.setCritical(definition.critical());
        check.setNoData(definition.noData());
        check.setUnit(definition.unit());
        return check;
    }

    /**
     * The engine's check.
     *
     * @throws IllegalArgumentException with the engine's message when the values do not make a valid check
     */
    public CheckDefinition toDefinition() {
        if (direction == null) {
            throw new IllegalArgumentException(Messages.CatalogueCheck_DirectionRequired(Util.fixNull(name)));
        }
        return new CheckDefinition(name, description, query, direction, limit, maxChangePercent, failAfter, critical,
                noData, unit);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @CheckForNull
    public String getQuery() {
        return query;
    }

    @CheckForNull
    public Direction getDirection() {
        return direction;
    }

    @CheckForNull
    public String getDescription() {
        return description;
    }

    /** Blank means "the name". */
    @DataBoundSetter
    public void setDescription(@CheckForNull String description) {
        this.description = Util.fixEmptyAndTrim(description);
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
    public Double getMaxChangePercent() {
        return maxChangePercent;
    }

    @DataBoundSetter
    public void setMaxChangePercent(@CheckForNull Double maxChangePercent) {
        this.maxChangePercent = maxChangePercent;
    }

    @CheckForNull
    public Integer getFailAfter() {
        return failAfter;
    }

    /** {@code null} means the engine's default: 2, or 1 for a critical check. */
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

    @NonNull
    public NoDataPolicy getNoData() {
        return noData;
    }

    @DataBoundSetter
    public void setNoData(@CheckForNull NoDataPolicy noData) {
        this.noData = noData == null ? NoDataPolicy.INCONCLUSIVE : noData;
    }

    @NonNull
    public String getUnit() {
        return unit;
    }

    @DataBoundSetter
    public void setUnit(@CheckForNull String unit) {
        this.unit = Util.fixNull(unit).strip();
    }

    @Override
    public String toString() {
        return "CatalogueCheck[" + name + "]";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CatalogueCheck> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CatalogueCheck_DisplayName();
        }

        /**
         * Reads one entry of the catalogue form. Numbers are parsed here rather than by Stapler's converters, so
         * that an empty field means "none" and a typo is an error naming the field, not a silent zero.
         */
        @Override
        public CatalogueCheck newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws FormException {
            return fromForm(formData);
        }

        static CatalogueCheck fromForm(JSONObject formData) throws FormException {
            String name = formData.optString("name");
            try {
                Direction direction = CheckInputs.direction(name, formData.optString("direction"));
                CatalogueCheck check = new CatalogueCheck(name, formData.optString("query"), direction);
                check.setDescription(formData.optString("description"));
                check.setLimit(CheckInputs.number("limit", formData.optString("limit")));
                check.setMaxChangePercent(CheckInputs.number("maxChangePercent", formData.optString("maxChangePercent")));
                check.setFailAfter(CheckInputs.wholeNumber("failAfter", formData.optString("failAfter")));
                check.setCritical(formData.optBoolean("critical"));
                check.setNoData(CheckInputs.noData(formData.optString("noData")));
                check.setUnit(formData.optString("unit"));
                return check;
            } catch (IllegalArgumentException e) {
                throw new FormException(Messages.ReleasePlaybookConfiguration_CatalogueEntry(Util.fixNull(name),
                        e.getMessage()), ReleasePlaybookConfiguration.CATALOGUE_FIELD);
            }
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.CatalogueCheck_NameRequired())
                    : FormValidation.ok();
        }

        /** A query without the placeholder is allowed (a global metric), but it ignores the step's service. */
        @POST
        public FormValidation doCheckQuery(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.CatalogueCheck_QueryRequired());
            }
            return value.contains(CheckDefinition.SELECTOR)
                    ? FormValidation.ok()
                    : FormValidation.warning(Messages.CatalogueCheck_NoSelector(CheckDefinition.SELECTOR));
        }

        @POST
        public FormValidation doCheckLimit(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> CheckInputs.number("limit", value));
        }

        @POST
        public FormValidation doCheckMaxChangePercent(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> {
                Double percent = CheckInputs.number("maxChangePercent", value);
                if (percent != null && percent <= 0) {
                    throw new IllegalArgumentException(Messages.CheckInputs_NotPositive("maxChangePercent", value));
                }
            });
        }

        @POST
        public FormValidation doCheckFailAfter(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> {
                Integer samples = CheckInputs.wholeNumber("failAfter", value);
                if (samples != null && samples < 1) {
                    throw new IllegalArgumentException(Messages.CheckInputs_NotPositive("failAfter", value));
                }
            });
        }
    }
}
