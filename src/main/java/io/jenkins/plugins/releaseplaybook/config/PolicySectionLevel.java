package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.engine.policy.ChecklistKind;
import io.jenkins.plugins.releaseplaybook.engine.policy.LevelPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The checklist of one risk level ({@code low:}, {@code medium:}, {@code high:} under {@code policy:} in
 * Configuration as Code): which items {@code releaseGate} requires, one flag per item, and the custom items the job
 * must confirm. A level built from scratch (JCasC) requires nothing but what it sets; the defaults of each level are in
 * {@link PolicySection}.
 */
public final class PolicySectionLevel implements Describable<PolicySectionLevel> {
    /** The required items' identifiers ({@code backupVerified}); a list of strings, so the XML stays plain. */
    private List<String> required = new ArrayList<>();
    private String customItems = "";

    @DataBoundConstructor
    public PolicySectionLevel() {
        // nothing required until set
    }

    /** A level requiring what the engine's level requires. */
    static PolicySectionLevel of(LevelPolicy level) {
        PolicySectionLevel section = new PolicySectionLevel();
        for (ChecklistKind kind : level.required()) {
            section.set(kind, true);
        }
        section.customItems = String.join("\n", level.customItems());
        return section;
    }

    /** Fields absent from a stored level get their defaults. */
    private Object readResolve() {
        required = required == null ? new ArrayList<>() : new ArrayList<>(required);
        customItems = Util.fixNull(customItems);
        return this;
    }

    private void set(ChecklistKind kind, boolean value) {
        required.remove(kind.id());
        if (value) {
            required.add(kind.id());
        }
    }

    private boolean requires(ChecklistKind kind) {
        return required.contains(kind.id());
    }

    public boolean isPlan() {
        return requires(ChecklistKind.PLAN);
    }

    @DataBoundSetter
    public void setPlan(boolean value) {
        set(ChecklistKind.PLAN, value);
    }

    public boolean isBackupVerified() {
        return requires(ChecklistKind.BACKUP_VERIFIED);
    }

    @DataBoundSetter
    public void setBackupVerified(boolean value) {
        set(ChecklistKind.BACKUP_VERIFIED, value);
    }

    public boolean isBackupRestoreTested() {
        return requires(ChecklistKind.BACKUP_RESTORE_TESTED);
    }

    @DataBoundSetter
    public void setBackupRestoreTested(boolean value) {
        set(ChecklistKind.BACKUP_RESTORE_TESTED, value);
    }

    public boolean isArtifactsVerified() {
        return requires(ChecklistKind.ARTIFACTS_VERIFIED);
    }

    @DataBoundSetter
    public void setArtifactsVerified(boolean value) {
        set(ChecklistKind.ARTIFACTS_VERIFIED, value);
    }

    public boolean isSilencesActive() {
        return requires(ChecklistKind.SILENCES_ACTIVE);
    }

    @DataBoundSetter
    public void setSilencesActive(boolean value) {
        set(ChecklistKind.SILENCES_ACTIVE, value);
    }

    public boolean isRollbackDeclared() {
        return requires(ChecklistKind.ROLLBACK_DECLARED);
    }

    @DataBoundSetter
    public void setRollbackDeclared(boolean value) {
        set(ChecklistKind.ROLLBACK_DECLARED, value);
    }

    public boolean isEmergencyContacts() {
        return requires(ChecklistKind.EMERGENCY_CONTACTS);
    }

    @DataBoundSetter
    public void setEmergencyContacts(boolean value) {
        set(ChecklistKind.EMERGENCY_CONTACTS, value);
    }

    public boolean isEmergencyTriggers() {
        return requires(ChecklistKind.EMERGENCY_TRIGGERS);
    }

    @DataBoundSetter
    public void setEmergencyTriggers(boolean value) {
        set(ChecklistKind.EMERGENCY_TRIGGERS, value);
    }

    public boolean isEmergencyRollbackPlan() {
        return requires(ChecklistKind.EMERGENCY_ROLLBACK_PLAN);
    }

    @DataBoundSetter
    public void setEmergencyRollbackPlan(boolean value) {
        set(ChecklistKind.EMERGENCY_ROLLBACK_PLAN, value);
    }

    public boolean isEmergencyNotify() {
        return requires(ChecklistKind.EMERGENCY_NOTIFY);
    }

    @DataBoundSetter
    public void setEmergencyNotify(boolean value) {
        set(ChecklistKind.EMERGENCY_NOTIFY, value);
    }

    public boolean isDrill() {
        return requires(ChecklistKind.DRILL);
    }

    @DataBoundSetter
    public void setDrill(boolean value) {
        set(ChecklistKind.DRILL, value);
    }

    public boolean isChangeWindow() {
        return requires(ChecklistKind.CHANGE_WINDOW);
    }

    @DataBoundSetter
    public void setChangeWindow(boolean value) {
        set(ChecklistKind.CHANGE_WINDOW, value);
    }

    /** The items the job must confirm with {@code releaseGate(confirm: [...])}, one a line. */
    @NonNull
    public String getCustomItems() {
        return customItems;
    }

    @DataBoundSetter
    public void setCustomItems(@CheckForNull String customItems) {
        this.customItems = FormLines.join(FormLines.split(customItems));
    }

    /** The level as the engine reads it. */
    @NonNull
    public LevelPolicy toPolicy() {
        Set<ChecklistKind> kinds = EnumSet.noneOf(ChecklistKind.class);
        for (String id : required) {
            ChecklistKind kind = ChecklistKind.of(id);
            if (kind != null) { // an item of a newer version is kept in the file but not enforced
                kinds.add(kind);
            }
        }
        List<String> items = FormLines.split(customItems);
        return new LevelPolicy(kinds, items);
    }

    @Extension
    @Symbol("policyLevel")
    public static final class DescriptorImpl extends Descriptor<PolicySectionLevel> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PolicySectionLevel_DisplayName();
        }

        /** Reads a level from the submitted form: a flag per item (absent: not required) and the custom items. */
        static PolicySectionLevel fromForm(@CheckForNull JSONObject form, PolicySectionLevel current) {
            if (form == null) {
                return current;
            }
            PolicySectionLevel level = new PolicySectionLevel();
            for (ChecklistKind kind : ChecklistKind.values()) {
                level.set(kind, form.optBoolean(kind.id()));
            }
            level.setCustomItems(form.optString("customItems", current.customItems));
            return level;
        }
    }
}
