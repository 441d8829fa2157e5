package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.util.List;

/**
 * The emergency plan {@code releasePlan} declares: who to reach, what starts the plan, how the release is rolled back
 * (in words, beside the {@code autoRollback} actions that execute it) and where notifications go. Shown in the report
 * header; the admin policy can require each part per risk level.
 *
 * @param triggers the conditions that start the emergency plan, in words
 * @param rollbackPlan the rollback plan in words; {@code null} when not declared
 * @param notifyTo ({@code notify:} in the DSL) where to send notifications (mail addresses, chat channels), as the job wrote them
 */
public record EmergencyPlan(List<Contact> contacts, List<String> triggers, String rollbackPlan, List<String> notifyTo)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No emergency plan declared. */
    public static final EmergencyPlan NONE = new EmergencyPlan(List.of(), List.of(), null, List.of());

    public EmergencyPlan {
        contacts = Bounds.records(contacts, "contacts", Bounds.RECORDS);
        triggers = Bounds.texts(triggers, "triggers", Bounds.TEXT);
        rollbackPlan = Bounds.text(rollbackPlan);
        notifyTo = Bounds.texts(notifyTo, "notifyTo", Bounds.NAME);
    }

    /** Whether nothing was declared. */
    public boolean isEmpty() {
        return contacts.isEmpty() && triggers.isEmpty() && (rollbackPlan == null || rollbackPlan.isBlank())
                && notifyTo.isEmpty();
    }

    /**
     * Someone to reach during the release.
     *
     * @param role e.g. "release owner", "DBA on call"
     * @param im an instant-messaging handle
     */
    public record Contact(String name, String role, String phone, String mail, String im) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Contact {
            name = Bounds.requiredName(name, "name");
            role = Bounds.name(role);
            phone = Bounds.name(phone);
            mail = Bounds.name(mail);
            im = Bounds.name(im);
        }
    }
}
