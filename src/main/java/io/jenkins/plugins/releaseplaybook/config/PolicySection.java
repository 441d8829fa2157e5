package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.policy.ChangeCalendar;
import io.jenkins.plugins.releaseplaybook.engine.policy.LevelPolicy;
import io.jenkins.plugins.releaseplaybook.engine.policy.PlaybookPolicy;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import java.util.Map;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The release policy {@code releaseGate} enforces: {@code policy:} under {@code unclassified: releasePlaybook:} in
 * Configuration as Code. A checklist per risk level ({@link PolicySectionLevel}), how old the job's last passing
 * drill may be, and the change calendar: weekly windows and dated freezes, one a line, in the calendar's time zone
 * unless a line names its own ({@code [Asia/Shanghai]}). The defaults are the engine's ({@link PlaybookPolicy#defaults()}):
 * low requires the plan, medium the core items, high everything except a recent drill; the calendar is open.
 */
public final class PolicySection implements Describable<PolicySection> {
    private PolicySectionLevel low = PolicySectionLevel.of(LevelPolicy.lowDefault());
    private PolicySectionLevel medium = PolicySectionLevel.of(LevelPolicy.mediumDefault());
    private PolicySectionLevel high = PolicySectionLevel.of(LevelPolicy.highDefault());
    private int drillMaxAgeDays = PlaybookPolicy.DEFAULT_DRILL_MAX_AGE_DAYS;
    private String zone = ChangeCalendar.UTC.getId();
    private String windows = "";
    private String freezes = "";

    @DataBoundConstructor
    public PolicySection() {
        // every setting has a default
    }

    /** Fields absent from a stored section get their defaults. */
    private Object readResolve() {
        if (low == null) {
            low = PolicySectionLevel.of(LevelPolicy.lowDefault());
        }
        if (medium == null) {
            medium = PolicySectionLevel.of(LevelPolicy.mediumDefault());
        }
        if (high == null) {
            high = PolicySectionLevel.of(LevelPolicy.highDefault());
        }
        if (drillMaxAgeDays == 0) {
            drillMaxAgeDays = PlaybookPolicy.DEFAULT_DRILL_MAX_AGE_DAYS;
        }
        if (Util.fixEmptyAndTrim(zone) == null) {
            zone = ChangeCalendar.UTC.getId();
        }
        windows = Util.fixNull(windows);
        freezes = Util.fixNull(freezes);
        return this;
    }

    @NonNull
    public PolicySectionLevel getLow() {
        return low;
    }

    /** {@code null} restores the default (the plan only). */
    @DataBoundSetter
    public void setLow(@CheckForNull PolicySectionLevel low) {
        this.low = low == null ? PolicySectionLevel.of(LevelPolicy.lowDefault()) : low;
    }

    @NonNull
    public PolicySectionLevel getMedium() {
        return medium;
    }

    /** {@code null} restores the default. */
    @DataBoundSetter
    public void setMedium(@CheckForNull PolicySectionLevel medium) {
        this.medium = medium == null ? PolicySectionLevel.of(LevelPolicy.mediumDefault()) : medium;
    }

    @NonNull
    public PolicySectionLevel getHigh() {
        return high;
    }

    /** {@code null} restores the default (everything except a recent drill). */
    @DataBoundSetter
    public void setHigh(@CheckForNull PolicySectionLevel high) {
        this.high = high == null ? PolicySectionLevel.of(LevelPolicy.highDefault()) : high;
    }

    public int getDrillMaxAgeDays() {
        return drillMaxAgeDays;
    }

    /** @throws IllegalArgumentException unless 1 to {@value PlaybookPolicy#MAX_DRILL_MAX_AGE_DAYS} */
    @DataBoundSetter
    public void setDrillMaxAgeDays(int drillMaxAgeDays) {
        String problem = PolicyValidation.drillMaxAgeProblem(Integer.toString(drillMaxAgeDays));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.drillMaxAgeDays = drillMaxAgeDays;
    }

    /** The calendar's time zone ({@code Europe/Berlin}). */
    @NonNull
    public String getZone() {
        return zone;
    }

    /** Blank: UTC. @throws IllegalArgumentException naming the zone that does not exist */
    @DataBoundSetter
    public void setZone(@CheckForNull String zone) {
        String value = Util.fixEmptyAndTrim(zone);
        String problem = PolicyValidation.calendarProblem(value, "", "");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.zone = value == null ? ChangeCalendar.UTC.getId() : value;
    }

    /** Weekly change windows, one a line ({@code Mon-Thu 09:00-16:00}); none: every time is inside. */
    @NonNull
    public String getWindows() {
        return windows;
    }

    /**
     * Checked against the UTC calendar, so that JCasC may set the windows before the zone: a window's syntax does not
     * depend on the zone. @throws IllegalArgumentException naming the line that does not parse
     */
    @DataBoundSetter
    public void setWindows(@CheckForNull String windows) {
        String text = Util.fixNull(windows);
        String problem = PolicyValidation.calendarProblem(null, text, "");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.windows = text;
    }

    /** Dated freezes, one a line ({@code 2026-12-20 to 2027-01-03 year-end freeze}). */
    @NonNull
    public String getFreezes() {
        return freezes;
    }

    /** @throws IllegalArgumentException naming the line that does not parse */
    @DataBoundSetter
    public void setFreezes(@CheckForNull String freezes) {
        String text = Util.fixNull(freezes);
        String problem = PolicyValidation.calendarProblem(null, "", text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.freezes = text;
    }

    /**
     * The policy as the engine evaluates it.
     *
     * @throws IllegalArgumentException with the engine's message when the stored settings do not make a policy (a
     *     hand-edited file)
     */
    @NonNull
    public PlaybookPolicy policy() {
        return new PlaybookPolicy(Map.of(Risk.LOW, low.toPolicy(), Risk.MEDIUM, medium.toPolicy(),
                Risk.HIGH, high.toPolicy()), drillMaxAgeDays, ChangeCalendar.parse(zone, windows, freezes));
    }

    @Extension
    @Symbol("policy")
    public static final class DescriptorImpl extends Descriptor<PolicySection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PolicySection_DisplayName();
        }

        /** Reads the section from the submitted form; see {@link PolicyValidation#fromForm}. */
        static PolicySection fromForm(@CheckForNull JSONObject form, PolicySection current) throws FormException {
            return PolicyValidation.fromForm(form, current);
        }

        @POST
        public FormValidation doCheckDrillMaxAgeDays(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return PolicyValidation.checkDrillMaxAgeDays(value);
        }

        @POST
        public FormValidation doCheckZone(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return PolicyValidation.checkZone(value);
        }

        /** Parses the windows as the gate will, in the zone typed beside them, and says how many it read. */
        @POST
        public FormValidation doCheckWindows(@QueryParameter String value, @QueryParameter String zone) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return PolicyValidation.checkWindows(value, zone);
        }

        /** Parses the freezes as the gate will, in the zone typed beside them, and says how many it read. */
        @POST
        public FormValidation doCheckFreezes(@QueryParameter String value, @QueryParameter String zone) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return PolicyValidation.checkFreezes(value, zone);
        }
    }
}
