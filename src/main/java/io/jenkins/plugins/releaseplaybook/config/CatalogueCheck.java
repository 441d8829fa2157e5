package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.ThresholdText;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of the administrator's check catalogue, as Manage Jenkins and Configuration as Code edit it: the
 * fields of the engine's {@link CheckDefinition}. Whether they make a valid check is the engine's decision, asked
 * in {@link #toDefinition()} when the catalogue is saved.
 *
 * <p>The limit and the maximum change are text ({@code '0.02'}, {@code '1%'}, {@code '500ms'}; {@code '30'} percent),
 * read by the engine's {@link ThresholdText}: Configuration as Code drops decimals that reach a {@code Double}
 * attribute, and text keeps the unit people wrote. The setters store the canonical spelling and refuse a text they
 * cannot read, naming the check, so that no entry is ever applied without its limit.
 */
public final class CatalogueCheck implements Describable<CatalogueCheck> {
    private static final Logger LOGGER = Logger.getLogger(CatalogueCheck.class.getName());
    /** A range selector in a query: {@code [{range}]}, {@code [5m]}. */
    private static final Pattern RANGE_SELECTOR = Pattern.compile("\\[\\s*(\\{range\\}|[0-9]+(ms|s|m|h|d|w|y))");

    private final String name;
    private final String query;
    private final Direction direction;
    private String description;
    /** Canonical threshold text, or {@code null}; a {@code Double} in plugin versions before 0.2 (XStream reads it). */
    private String limit;
    /** Canonical number of percent, or {@code null}. */
    private String maxChangePercent;
    private Integer failAfter;
    private boolean critical;
    private NoDataPolicy noData = NoDataPolicy.INCONCLUSIVE;
    private String unit = "";
    /** What {@code {range}} stands for, e.g. {@code 1m}; {@code null} for the engine's default. */
    private String range;
    /** For ratio checks: a query counting the requests in the range; {@code null} for no traffic guard. */
    private String volumeQuery;
    /** Fewest requests that make a ratio worth judging; {@code null} for the engine's default (100). */
    private Integer minVolume;
    /** A query counting the raw series, without a range: none or 0 is "series absent"; {@code null} for none. */
    private String presenceQuery;
    /** For a deployed-version check: the metric, one series per instance; {@code null} for the default (build_info). */
    private String versionMetric;
    /** Makes the entry a deployed-version check: the label holding the version; {@code null} for other checks. */
    private String versionLabel;

    @DataBoundConstructor
    public CatalogueCheck(String name, String query, Direction direction) {
        this.name = Util.fixEmptyAndTrim(name);
        this.query = Util.fixEmptyAndTrim(query);
        this.direction = direction;
    }

    /**
     * Entries stored by older versions may lack {@code noData} and {@code unit} (XStream leaves absent fields null)
     * and hold numbers as {@code 30.0}: give them the defaults and the canonical spelling. A text that cannot be read
     * is kept as it is, so that {@link #toDefinition()} refuses the entry by name instead of dropping its limit.
     */
    private Object readResolve() {
        if (noData == null) {
            noData = NoDataPolicy.INCONCLUSIVE;
        }
        if (unit == null) {
            unit = "";
        }
        try {
            limit = CheckInputs.thresholdText(name, "limit", limit);
            maxChangePercent = CheckInputs.percentText(name, "maxChangePercent", maxChangePercent);
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "Check catalogue entry {0} cannot be read: {1}", new Object[] {name, e.getMessage()});
        }
        return this;
    }

    /** The entry for an engine check, so that the built-in catalogue can be shown and edited. */
    public static CatalogueCheck of(CheckDefinition definition) {
        CatalogueCheck check = new CatalogueCheck(definition.name(), definition.query(), definition.direction());
        check.setDescription(definition.description());
        check.limit = definition.limit() == null ? null : ThresholdText.format(definition.limit());
        check.maxChangePercent = definition.maxChangePercent() == null ? null
                : ThresholdText.format(definition.maxChangePercent());
        check.setFailAfter(definition.failAfter());
        check.setCritical(definition.critical());
        check.setNoData(definition.noData());
        check.setUnit(definition.unit());
        check.setRange(definition.range());
        check.setVolumeQuery(definition.volumeQuery());
        check.setMinVolume(definition.minVolume() == null ? null : (int) Math.ceil(definition.minVolume()));
        check.setPresenceQuery(definition.presenceQuery());
        check.setVersionLabel(definition.versionLabel());
        check.setVersionMetric(definition.isVersionCheck() ? definition.versionMetric() : null);
        return check;
    }

    /**
     * The engine's check.
     *
     * @throws IllegalArgumentException naming the check when the values do not make a valid check (a limit that
     *     cannot be read included)
     */
    public CheckDefinition toDefinition() {
        if (direction == null) {
            throw new IllegalArgumentException(Messages.CatalogueCheck_DirectionRequired(Util.fixNull(name)));
        }
        CheckDefinition.Builder definition = CheckDefinition.builder(name).description(description).query(query)
                .direction(direction).critical(critical).noData(noData).unit(unit).range(range).volumeQuery(volumeQuery)
                .presenceQuery(presenceQuery).versionMetric(versionMetric).versionLabel(versionLabel);
        Double absolute = CheckInputs.threshold(Util.fixNull(name), "limit", limit);
        if (absolute != null) {
            definition.limit(absolute);
        }
        Double change = CheckInputs.percent(Util.fixNull(name), maxChangePercent);
        if (change != null) {
            definition.maxChangePercent(change);
        }
        if (failAfter != null) {
            definition.failAfter(failAfter);
        }
        if (minVolume != null) {
            definition.minVolume(minVolume);
        }
        return definition.build();
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

    /** The absolute limit as canonical text ({@code '0.02'}, {@code '500ms'}), or {@code null} for none. */
    @CheckForNull
    public String getLimit() {
        return limit;
    }

    /**
     * Blank means "no limit".
     *
     * @throws IllegalArgumentException naming the check and the text when it is not a number with an optional unit
     */
    @DataBoundSetter
    public void setLimit(@CheckForNull String limit) {
        this.limit = CheckInputs.thresholdText(name, "limit", limit);
    }

    /** How far (in percent) the median may move in the bad direction from the baseline, as text, or {@code null}. */
    @CheckForNull
    public String getMaxChangePercent() {
        return maxChangePercent;
    }

    /**
     * {@code '30'} or {@code '30%'}; blank means "no relative limit".
     *
     * @throws IllegalArgumentException naming the check and the text when it is not a positive percentage
     */
    @DataBoundSetter
    public void setMaxChangePercent(@CheckForNull String maxChangePercent) {
        this.maxChangePercent = CheckInputs.percentText(name, "maxChangePercent", maxChangePercent);
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

    @CheckForNull
    public String getRange() {
        return range;
    }

    /** A PromQL duration such as {@code 1m}; blank means the engine's default. */
    @DataBoundSetter
    public void setRange(@CheckForNull String range) {
        this.range = Util.fixEmptyAndTrim(range);
    }

    @CheckForNull
    public String getVolumeQuery() {
        return volumeQuery;
    }

    /** Blank means no traffic guard. */
    @DataBoundSetter
    public void setVolumeQuery(@CheckForNull String volumeQuery) {
        this.volumeQuery = Util.fixEmptyAndTrim(volumeQuery);
    }

    @CheckForNull
    public Integer getMinVolume() {
        return minVolume;
    }

    /** {@code null} means the engine's default (100 requests) when there is a volume query. */
    @DataBoundSetter
    public void setMinVolume(@CheckForNull Integer minVolume) {
        this.minVolume = minVolume;
    }

    @CheckForNull
    public String getPresenceQuery() {
        return presenceQuery;
    }

    /** Blank means no presence query: a vanished series is then seen only once the main query stops answering. */
    @DataBoundSetter
    public void setPresenceQuery(@CheckForNull String presenceQuery) {
        this.presenceQuery = Util.fixEmptyAndTrim(presenceQuery);
    }

    @CheckForNull
    public String getVersionMetric() {
        return versionMetric;
    }

    /** The metric of a deployed-version check ({@code {metric}} in its queries); blank means {@code build_info}. */
    @DataBoundSetter
    public void setVersionMetric(@CheckForNull String versionMetric) {
        this.versionMetric = Util.fixEmptyAndTrim(versionMetric);
    }

    @CheckForNull
    public String getVersionLabel() {
        return versionLabel;
    }

    /** Set, this entry is a deployed-version check whose series hold the version in this label; blank: another check. */
    @DataBoundSetter
    public void setVersionLabel(@CheckForNull String versionLabel) {
        this.versionLabel = Util.fixEmptyAndTrim(versionLabel);
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
         * Reads one entry of the catalogue form. Throws {@link IllegalArgumentException} rather than the checked
         * {@link FormException}: callers that bind through Stapler only see runtime exceptions.
         */
        @Override
        public CatalogueCheck newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            return fromForm(formData);
        }

        /**
         * Reads one entry of the catalogue form. Numbers are read here rather than by Stapler's converters, so that
         * an empty field means "none" and a typo is an error naming the check and the field, not a silent zero.
         *
         * @throws IllegalArgumentException naming the entry and what is wrong with it
         */
        static CatalogueCheck fromForm(JSONObject formData) {
            String name = formData.optString("name");
            try {
                Direction direction = CheckInputs.direction(name, formData.optString("direction"));
                CatalogueCheck check = new CatalogueCheck(name, formData.optString("query"), direction);
                check.setDescription(formData.optString("description"));
                check.setLimit(formData.optString("limit"));
                check.setMaxChangePercent(formData.optString("maxChangePercent"));
                check.setFailAfter(CheckInputs.wholeNumber("failAfter", formData.optString("failAfter")));
                check.setCritical(formData.optBoolean("critical"));
                check.setNoData(CheckInputs.noData(formData.optString("noData")));
                check.setUnit(formData.optString("unit"));
                check.setRange(formData.optString("range"));
                check.setVolumeQuery(formData.optString("volumeQuery"));
                check.setMinVolume(CheckInputs.wholeNumber("minVolume", formData.optString("minVolume")));
                check.setPresenceQuery(formData.optString("presenceQuery"));
                check.setVersionMetric(formData.optString("versionMetric"));
                check.setVersionLabel(formData.optString("versionLabel"));
                return check;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.ReleasePlaybookConfiguration_CatalogueEntry(Util.fixNull(name),
                        EngineMessages.of(e)), e);
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

        /**
         * An error for a text that is not a threshold; a warning when neither this nor the maximum change is set, so
         * that the administrator learns it before saving (the check could never fail).
         */
        @POST
        public FormValidation doCheckLimit(@QueryParameter String value, @QueryParameter String name,
                @QueryParameter String maxChangePercent) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            FormValidation own = ConfigurationValidation.validate(() -> CheckInputs.thresholdText(name, "limit", value));
            if (own.kind != FormValidation.Kind.OK) {
                return own;
            }
            return Util.fixEmptyAndTrim(value) == null && Util.fixEmptyAndTrim(maxChangePercent) == null
                    ? FormValidation.warning(Messages.CatalogueCheck_NoLimitNorChange(Util.fixNull(name).strip()))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMaxChangePercent(@QueryParameter String value, @QueryParameter String name) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> CheckInputs.percentText(name, "maxChangePercent", value));
        }

        @POST
        public FormValidation doCheckFailAfter(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> {
                Integer samples = CheckInputs.wholeNumber("failAfter", value);
                if (samples != null && samples < 1) {
                    throw new IllegalArgumentException(Messages.CheckInputs_NotPositive("failAfter", value.strip()));
                }
            });
        }

        @POST
        public FormValidation doCheckRange(@QueryParameter String value, @QueryParameter String name) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> CheckDefinition.checkRange(Util.fixNull(name).strip(),
                    Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckMinVolume(@QueryParameter String value, @QueryParameter String name) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> {
                Integer requests = CheckInputs.wholeNumber("minVolume", value);
                CheckDefinition.checkMinVolume(Util.fixNull(name).strip(), requests == null ? null : requests.doubleValue());
            });
        }

        /** A presence query counts raw series: a range in it would keep a vanished service present for that long. */
        @POST
        public FormValidation doCheckPresenceQuery(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            String query = Util.fixEmptyAndTrim(value);
            if (query == null) {
                return FormValidation.ok();
            }
            return RANGE_SELECTOR.matcher(query).find()
                    ? FormValidation.warning(Messages.CatalogueCheck_PresenceWithRange())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckVersionMetric(@QueryParameter String value, @QueryParameter String name) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> CheckDefinition.checkVersionNames(Util.fixNull(name).strip(),
                    Util.fixEmptyAndTrim(value), null));
        }

        @POST
        public FormValidation doCheckVersionLabel(@QueryParameter String value, @QueryParameter String name) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.validate(() -> CheckDefinition.checkVersionNames(Util.fixNull(name).strip(),
                    null, Util.fixEmptyAndTrim(value)));
        }

        @POST
        public ListBoxModel doFillDirectionItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ChoiceLists.directions();
        }

        @POST
        public ListBoxModel doFillNoDataItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ChoiceLists.noDataPolicies();
        }
    }
}
