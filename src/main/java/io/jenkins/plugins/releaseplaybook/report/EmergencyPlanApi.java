package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The emergency plan of {@code releasePlan} in the REST API ({@code emergency} of {@code .../release-report/api}). */
@ExportedBean
public class EmergencyPlanApi {
    private final EmergencyPlan plan;

    public EmergencyPlanApi(EmergencyPlan plan) {
        this.plan = plan;
    }

    @Exported(inline = true)
    public List<ContactApi> getContacts() {
        return plan.contacts().stream().map(ContactApi::new).toList();
    }

    @Exported
    public List<String> getTriggers() {
        return plan.triggers();
    }

    @Exported
    @CheckForNull
    public String getRollbackPlan() {
        return plan.rollbackPlan();
    }

    /** {@code notify:} in the DSL. */
    @Exported
    public List<String> getNotify() {
        return plan.notifyTo();
    }

    /** One contact; absent fields are {@code null}. */
    @ExportedBean
    public static class ContactApi {
        private final EmergencyPlan.Contact contact;

        public ContactApi(EmergencyPlan.Contact contact) {
            this.contact = contact;
        }

        @Exported
        public String getName() {
            return contact.name();
        }

        @Exported
        @CheckForNull
        public String getRole() {
            return contact.role();
        }

        @Exported
        @CheckForNull
        public String getPhone() {
            return contact.phone();
        }

        @Exported
        @CheckForNull
        public String getMail() {
            return contact.mail();
        }

        @Exported
        @CheckForNull
        public String getIm() {
            return contact.im();
        }
    }
}
