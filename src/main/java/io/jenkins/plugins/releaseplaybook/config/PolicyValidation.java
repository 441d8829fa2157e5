package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.engine.policy.ChangeCalendar;
import io.jenkins.plugins.releaseplaybook.engine.policy.PlaybookPolicy;
import net.sf.json.JSONObject;

/**
 * The rules of {@link PolicySection}'s fields, shared by its setters (JCasC), its form reading and its descriptor's
 * {@code doCheck*} methods, which keep their {@code @POST} and permission check and delegate here. The calendar's
 * syntax is the engine's.
 */
final class PolicyValidation {
    private PolicyValidation() {}

    @CheckForNull
    static String drillMaxAgeProblem(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null; // the default
        }
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= PlaybookPolicy.MAX_DRILL_MAX_AGE_DAYS) {
                return null;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        return Messages.PolicySection_DrillMaxAgeOutOfRange(value, PlaybookPolicy.MAX_DRILL_MAX_AGE_DAYS);
    }

    /** The engine's message for the first line (or the zone) that does not parse, or {@code null}. */
    @CheckForNull
    static String calendarProblem(@CheckForNull String zone, @CheckForNull String windows, @CheckForNull String freezes) {
        try {
            ChangeCalendar.parse(zone, windows, freezes);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    /** Reads the section from the submitted form, every field checked first; nothing is half-applied. */
    static PolicySection fromForm(@CheckForNull JSONObject form, PolicySection current) throws FormException {
        if (form == null) {
            return current;
        }
        String days = form.optString("drillMaxAgeDays", Integer.toString(current.getDrillMaxAgeDays()));
        ConfigurationValidation.reject(drillMaxAgeProblem(days), "drillMaxAgeDays");
        String zone = Util.fixEmptyAndTrim(form.optString("zone", current.getZone()));
        ConfigurationValidation.reject(calendarProblem(zone, "", ""), "zone");
        String windows = form.optString("windows", current.getWindows());
        ConfigurationValidation.reject(calendarProblem(zone, windows, ""), "windows");
        String freezes = form.optString("freezes", current.getFreezes());
        ConfigurationValidation.reject(calendarProblem(zone, "", freezes), "freezes");

        PolicySection section = new PolicySection();
        section.setLow(PolicySectionLevel.DescriptorImpl.fromForm(form.optJSONObject("low"), current.getLow()));
        section.setMedium(PolicySectionLevel.DescriptorImpl.fromForm(form.optJSONObject("medium"), current.getMedium()));
        section.setHigh(PolicySectionLevel.DescriptorImpl.fromForm(form.optJSONObject("high"), current.getHigh()));
        String d = Util.fixEmptyAndTrim(days);
        section.setDrillMaxAgeDays(d == null ? PlaybookPolicy.DEFAULT_DRILL_MAX_AGE_DAYS : Integer.parseInt(d));
        section.setZone(zone);
        section.setWindows(windows);
        section.setFreezes(freezes);
        return section;
    }

    // ---- what the descriptor's doCheck* methods answer ------------------------------------------------------

    static FormValidation checkDrillMaxAgeDays(String value) {
        return problem(drillMaxAgeProblem(value));
    }

    static FormValidation checkZone(String value) {
        return problem(calendarProblem(value, "", ""));
    }

    /** Parses the windows as the gate will, in the zone typed beside them, and says how many it read. */
    static FormValidation checkWindows(String value, String zone) {
        String problem = calendarProblem(validZoneOrNull(zone), value, "");
        if (problem != null) {
            return FormValidation.error(problem);
        }
        int count = ChangeCalendar.parse(validZoneOrNull(zone), value, "").windows().size();
        return count == 0 ? FormValidation.ok(Messages.PolicySection_NoWindows())
                : FormValidation.ok(Messages.PolicySection_WindowsRead(count));
    }

    /** Parses the freezes as the gate will, in the zone typed beside them, and says how many it read. */
    static FormValidation checkFreezes(String value, String zone) {
        String problem = calendarProblem(validZoneOrNull(zone), "", value);
        if (problem != null) {
            return FormValidation.error(problem);
        }
        int count = ChangeCalendar.parse(validZoneOrNull(zone), "", value).freezes().size();
        return count == 0 ? FormValidation.ok() : FormValidation.ok(Messages.PolicySection_FreezesRead(count));
    }

    /** A bad zone is reported on its own field; the lines are then checked in UTC. */
    @CheckForNull
    private static String validZoneOrNull(@CheckForNull String zone) {
        return calendarProblem(zone, "", "") == null ? zone : null;
    }

    private static FormValidation problem(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
