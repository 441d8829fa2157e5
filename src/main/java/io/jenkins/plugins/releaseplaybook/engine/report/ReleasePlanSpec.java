package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code releasePlan} step's arguments as the user wrote them, before validation.
 *
 * @param risk {@code low}, {@code medium} or {@code high}; blank means {@code medium}
 * @param contacts the emergency plan's contacts as written; {@code null} entries are reported as empty entries
 * @param triggers what starts the emergency plan, in words, one condition an entry
 * @param rollbackPlan the rollback plan in words (may span lines); blank means none
 * @param notifyTo ({@code notify:} in the DSL) where notifications go
 */
public record ReleasePlanSpec(
        String service, String version, String risk, List<String> owners, List<String> scope, boolean drill,
        List<ContactSpec> contacts, List<String> triggers, String rollbackPlan, List<String> notifyTo)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Longest service name, version, owner or scope entry we accept; longer is almost surely a mistake. */
    static final int MAX_LENGTH = 200;
    /** Longest trigger: a sentence or two. */
    static final int MAX_TRIGGER_LENGTH = 1_000;
    /** Longest rollback plan in words: a few paragraphs; the steps that execute it are {@code autoRollback}'s. */
    static final int MAX_ROLLBACK_PLAN_LENGTH = 8_000;
    /** Most entries of a list (contacts, triggers, notify): more is a generated list, not a plan people read. */
    static final int MAX_ENTRIES = 100;

    public static final Risk DEFAULT_RISK = Risk.MEDIUM;

    /** A plan without an emergency plan: the declaration before issue 13. */
    public ReleasePlanSpec(String service, String version, String risk, List<String> owners, List<String> scope,
            boolean drill) {
        this(service, version, risk, owners, scope, drill, null, null, null, null);
    }

    /**
     * One contact of the emergency plan as written ({@code [name: 'Li Lei', role: 'DBA', phone: '+86 ...']}).
     *
     * @param im an instant-messaging handle
     */
    public record ContactSpec(String name, String role, String phone, String mail, String im) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Validates the declaration and turns it into the report header.
     *
     * @throws ReportException of kind {@code INVALID_PLAN} listing every problem found, each naming the field and what to do
     */
    public ReleaseHeader toHeader(BuildRef build, Instant plannedAt) throws ReportException {
        List<Text> problems = new ArrayList<>();
        if (service == null || service.isBlank()) {
            problems.add(Text.of("report.plan.serviceRequired"));
        } else {
            checkText(Text.of("report.plan.field", "service"), service, MAX_LENGTH, problems);
        }
        if (version != null) {
            checkText(Text.of("report.plan.field", "version"), version, MAX_LENGTH, problems);
        }
        Risk parsedRisk = DEFAULT_RISK;
        if (risk != null && !risk.isBlank()) {
            try {
                parsedRisk = Risk.parse(risk);
            } catch (IllegalArgumentException e) {
                problems.add(Text.of("report.plan.unknownRisk", risk, Risk.accepted()));
            }
        }
        checkEntries("owners", owners, MAX_LENGTH, problems);
        checkEntries("scope", scope, MAX_LENGTH, problems);
        checkContacts(problems);
        checkEntries("triggers", triggers, MAX_TRIGGER_LENGTH, problems);
        checkRollbackPlan(problems);
        checkEntries("notify", notifyTo, MAX_LENGTH, problems);
        if (!problems.isEmpty()) {
            throw ReportException.invalidPlan(problems);
        }
        return new ReleaseHeader(
                service.trim(),
                version == null || version.isBlank() ? null : version.trim(),
                parsedRisk,
                trimmed(owners),
                trimmed(scope),
                drill,
                build,
                plannedAt,
                emergencyPlan());
    }

    private void checkContacts(List<Text> problems) {
        if (contacts == null) {
            return;
        }
        checkCount("contacts", contacts.size(), problems);
        for (int i = 0; i < contacts.size(); i++) {
            ContactSpec contact = contacts.get(i);
            Text entry = Text.of("report.plan.entry", "contacts", i + 1);
            if (contact == null || isBlank(contact.name()) && isBlank(contact.role()) && isBlank(contact.phone())
                    && isBlank(contact.mail()) && isBlank(contact.im())) {
                problems.add(Text.of("report.plan.emptyEntry", entry));
                continue;
            }
            if (isBlank(contact.name())) {
                problems.add(Text.of("report.plan.contactName", entry));
            }
            if (isBlank(contact.phone()) && isBlank(contact.mail()) && isBlank(contact.im())) {
                problems.add(Text.of("report.plan.contactUnreachable", entry));
            }
            checkContactField("name", contact.name(), i, problems);
            checkContactField("role", contact.role(), i, problems);
            checkContactField("phone", contact.phone(), i, problems);
            checkContactField("mail", contact.mail(), i, problems);
            checkContactField("im", contact.im(), i, problems);
        }
    }

    private static void checkContactField(String field, String value, int index, List<Text> problems) {
        if (value != null) {
            checkText(Text.of("report.plan.contactField", field, index + 1), value, MAX_LENGTH, problems);
        }
    }

    /** Prose: line breaks and tabs are fine, other control characters are not. */
    private void checkRollbackPlan(List<Text> problems) {
        if (rollbackPlan == null) {
            return;
        }
        Text what = Text.of("report.plan.field", "rollbackPlan");
        if (rollbackPlan.length() > MAX_ROLLBACK_PLAN_LENGTH) {
            problems.add(Text.of("report.plan.tooLong", what, rollbackPlan.length(), MAX_ROLLBACK_PLAN_LENGTH));
        }
        if (rollbackPlan.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(Text.of("report.plan.controlInProse", what));
        }
    }

    private static void checkEntries(String field, List<String> entries, int maxLength, List<Text> problems) {
        if (entries == null) {
            return;
        }
        checkCount(field, entries.size(), problems);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null || entry.isBlank()) {
                problems.add(Text.of("report.plan.emptyEntry", Text.of("report.plan.entry", field, i + 1)));
            } else {
                checkText(Text.of("report.plan.entry", field, i + 1), entry, maxLength, problems);
            }
        }
    }

    private static void checkCount(String field, int count, List<Text> problems) {
        if (count > MAX_ENTRIES) {
            problems.add(Text.of("report.plan.tooMany", Text.of("report.plan.field", field), count, MAX_ENTRIES));
        }
    }

    private static void checkText(Text what, String value, int maxLength, List<Text> problems) {
        if (value.length() > maxLength) {
            problems.add(Text.of("report.plan.tooLong", what, value.length(), maxLength));
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(Text.of("report.plan.control", what));
        }
    }

    /** The validated emergency plan: values trimmed, blank optional fields absent, line ends as {@code \n}. */
    private EmergencyPlan emergencyPlan() {
        List<EmergencyPlan.Contact> people = contacts == null ? List.of() : contacts.stream()
                .map(c -> new EmergencyPlan.Contact(c.name().trim(), blankToNull(c.role()), blankToNull(c.phone()),
                        blankToNull(c.mail()), blankToNull(c.im())))
                .toList();
        String plan = isBlank(rollbackPlan) ? null : rollbackPlan.replace("\r\n", "\n").replace('\r', '\n').strip();
        EmergencyPlan emergency = new EmergencyPlan(people, trimmed(triggers), plan, trimmed(notifyTo));
        return emergency.isEmpty() ? EmergencyPlan.NONE : emergency;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.trim();
    }

    private static List<String> trimmed(List<String> entries) {
        return entries == null ? List.of() : entries.stream().map(String::trim).toList();
    }
}
