package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRunRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.GateRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.TrailLine;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates the pre-release checklist of {@code releaseGate}: every item the plugin can check, found in the build's
 * report (and the inputs), as SATISFIED, MISSING or NOT_REQUIRED for the plan's risk level, each with its evidence and,
 * when missing, what to do. Items that are not required are evaluated all the same, so that the report shows what was
 * there. The clock is injected: silences are active and the calendar is judged at its instant.
 */
public final class Checklist {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
    /** How many failed targets a text names. */
    private static final int LISTED = 20;
    /** The prefix of a custom item's identifier. */
    public static final String CUSTOM_PREFIX = "custom:";

    private final PlaybookPolicy policy;
    private final GateInputs inputs;
    private final Instant now;

    private Checklist(PlaybookPolicy policy, GateInputs inputs, Instant now) {
        this.policy = policy;
        this.inputs = inputs;
        this.now = now;
    }

    /** What was found for one item. */
    private record Finding(boolean found, Text evidence, Text remedy) {}

    /** Evaluates the checklist now. */
    public static GateEvaluation evaluate(PlaybookPolicy policy, GateInputs inputs, Clock clock) {
        return new Checklist(policy, inputs, clock.instant()).evaluate();
    }

    private GateEvaluation evaluate() {
        ReleaseReport report = inputs.report();
        Risk risk = report.hasHeader() && report.header().risk() != null ? report.header().risk() : Risk.MEDIUM;
        LevelPolicy level = policy.level(risk);
        List<ChecklistItem> items = new ArrayList<>();
        for (ChecklistKind kind : ChecklistKind.values()) {
            items.add(item(kind.id(), name(kind), level.requires(kind), find(kind), false));
        }
        for (String custom : level.customItems()) {
            items.add(item(CUSTOM_PREFIX + custom, Text.of("policy.item.custom", custom), true, confirmation(custom),
                    true));
        }
        for (String claim : inputs.confirmations()) {
            if (level.customItems().stream().noneMatch(claim::equalsIgnoreCase)) {
                items.add(item(CUSTOM_PREFIX + claim, Text.of("policy.item.custom", claim), false, confirmation(claim),
                        true));
            }
        }
        List<String> missing = items.stream().filter(ChecklistItem::missing).map(ChecklistItem::id).toList();
        GateRecord record = new GateRecord(now, risk, missing.isEmpty(), inputs.confirmations(), missing,
                policy.toRecord(now));
        return new GateEvaluation(record, items);
    }

    private static ChecklistItem item(String id, Text name, boolean required, Finding finding, boolean claim) {
        ChecklistStatus status = !required ? ChecklistStatus.NOT_REQUIRED
                : finding.found() ? ChecklistStatus.SATISFIED : ChecklistStatus.MISSING;
        Text remedy = finding.found() ? null : finding.remedy();
        String detail = status == ChecklistStatus.MISSING && remedy != null
                ? Text.of("policy.detail.missing", finding.evidence(), remedy).english()
                : finding.evidence().english();
        return new ChecklistItem(name.english(), required, finding.found(), detail, id, status, TrailLine.of(name),
                TrailLine.of(finding.evidence()), remedy == null ? null : TrailLine.of(remedy), claim);
    }

    private Text name(ChecklistKind kind) {
        return kind == ChecklistKind.DRILL ? Text.of("policy.item.drill", String.valueOf(policy.drillMaxAgeDays()))
                : Text.of("policy.item." + kind.id());
    }

    private Finding find(ChecklistKind kind) {
        return switch (kind) {
            case PLAN -> plan();
            case BACKUP_VERIFIED -> backups(true);
            case BACKUP_RESTORE_TESTED -> backups(false);
            case ARTIFACTS_VERIFIED -> artifacts();
            case SILENCES_ACTIVE -> silences();
            case ROLLBACK_DECLARED -> rollback();
            case EMERGENCY_CONTACTS -> emergency(kind, emergency().contacts().stream()
                    .map(c -> c.role() == null ? c.name() : c.name() + " (" + c.role() + ")").toList());
            case EMERGENCY_TRIGGERS -> emergency(kind, emergency().triggers());
            case EMERGENCY_ROLLBACK_PLAN -> emergency(kind, blank(emergency().rollbackPlan()) ? List.of()
                    : List.of(emergency().rollbackPlan()));
            case EMERGENCY_NOTIFY -> emergency(kind, emergency().notifyTo());
            case DRILL -> drill();
            case CHANGE_WINDOW -> calendar();
        };
    }

    private Finding plan() {
        ReleaseHeader header = inputs.report().header();
        Text remedy = Text.of("policy.remedy.plan");
        if (header == null) {
            return new Finding(false, Text.of("policy.evidence.noPlan"), remedy);
        }
        String version = header.version() == null ? "-" : header.version();
        if (header.owners().isEmpty()) {
            return new Finding(false, Text.of("policy.evidence.planNoOwners", header.service(), version), remedy);
        }
        return new Finding(true, Text.of("policy.evidence.plan", header.service(), version,
                String.join(", ", header.owners())), remedy);
    }

    /** {@code verified}: read back after writing; else test-restored into a scratch directory. */
    private Finding backups(boolean verified) {
        List<BackupRecord> backups = inputs.report().backups();
        Text remedy = Text.of(verified ? "policy.remedy.backupVerified" : "policy.remedy.backupRestoreTested");
        if (backups.isEmpty()) {
            return new Finding(false, Text.of("policy.evidence.noBackup"), remedy);
        }
        List<String> good = backups.stream().filter(b -> verified ? b.verified() : b.restoreTested())
                .map(BackupRecord::id).toList();
        if (good.isEmpty()) {
            String ids = backups.stream().map(BackupRecord::id).collect(Collectors.joining(", "));
            return new Finding(false, Text.of(verified ? "policy.evidence.backupNotVerified"
                    : "policy.evidence.backupNotTested", ids), remedy);
        }
        return new Finding(true, Text.of(verified ? "policy.evidence.backupVerified" : "policy.evidence.backupTested",
                String.join(", ", good)), remedy);
    }

    /**
     * Every distribution met its policy. A re-run to the same place (transport and directory) replaces the run before
     * it, so a failed run that was repeated successfully does not count against the release.
     */
    private Finding artifacts() {
        Map<String, DistributionRunRecord> latest = new LinkedHashMap<>();
        for (DistributionRunRecord run : inputs.report().distributionRuns()) {
            String place = run.transport() + " " + run.remoteDirectory();
            latest.remove(place); // keep the order of the latest runs
            latest.put(place, run);
        }
        if (latest.isEmpty()) {
            return new Finding(false, Text.of("policy.evidence.noDistribution"), Text.of("policy.remedy.artifacts"));
        }
        List<Text> parts = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        boolean ok = true;
        for (DistributionRunRecord run : latest.values()) {
            ok &= run.ok();
            failed.addAll(run.failedTargets());
            parts.add(Text.of(run.ok() ? "policy.evidence.distribution" : "policy.evidence.distributionFailed",
                    run.remoteDirectory() == null ? "-" : run.remoteDirectory(), String.valueOf(run.succeeded()),
                    String.valueOf(run.targets()), String.valueOf(run.requiredSuccesses()),
                    run.minSuccess() == null ? "all" : run.minSuccess(), firstOf(run.failedTargets())));
        }
        Text remedy = Text.of("policy.remedy.artifactsFailed", firstOf(failed));
        return new Finding(ok, Text.list(parts), remedy);
    }

    private Finding silences() {
        List<SilenceRecord> silences = inputs.report().silences();
        Text remedy = Text.of("policy.remedy.silences");
        if (silences.isEmpty()) {
            return new Finding(false, Text.of("policy.evidence.noSilence"), remedy);
        }
        List<SilenceRecord> active = silences.stream().filter(this::activeNow).toList();
        if (active.isEmpty()) {
            return new Finding(false, Text.of("policy.evidence.silencesInactive",
                    silences.stream().map(SilenceRecord::id).collect(Collectors.joining(", "))), remedy);
        }
        Instant firstEnd = active.stream().map(SilenceRecord::endsAt).min(Instant::compareTo).orElseThrow();
        return new Finding(true, Text.of("policy.evidence.silences",
                active.stream().map(SilenceRecord::id).collect(Collectors.joining(", ")), when(firstEnd, zone())),
                remedy);
    }

    private boolean activeNow(SilenceRecord silence) {
        return silence.state() == SilenceRecord.SilenceState.ACTIVE && silence.endsAt() != null
                && silence.endsAt().isAfter(now) && (silence.startsAt() == null || !silence.startsAt().isAfter(now));
    }

    private Finding rollback() {
        Text remedy = Text.of("policy.remedy.rollback");
        if (inputs.enclosingRollback() != null) {
            return new Finding(true, Text.of("policy.evidence.autoRollback",
                    String.valueOf(inputs.enclosingRollback().actions().size())), remedy);
        }
        String plan = emergency().rollbackPlan();
        if (!blank(plan)) {
            return new Finding(true, Text.of("policy.evidence.rollbackPlan", plan), remedy);
        }
        return new Finding(false, Text.of("policy.evidence.noRollback"), remedy);
    }

    private EmergencyPlan emergency() {
        ReleaseHeader header = inputs.report().header();
        return header == null ? EmergencyPlan.NONE : header.emergency();
    }

    private static Finding emergency(ChecklistKind kind, List<String> declared) {
        Text remedy = Text.of("policy.remedy." + kind.id());
        if (declared.isEmpty()) {
            return new Finding(false, Text.of("policy.evidence.notDeclared"), remedy);
        }
        return new Finding(true, Text.of("policy.evidence.declared", String.join("; ", declared)), remedy);
    }

    private Finding drill() {
        int maxDays = policy.drillMaxAgeDays();
        Text remedy = Text.of("policy.remedy.drill", String.valueOf(maxDays));
        Instant last = inputs.lastPassingDrill();
        if (last == null) {
            return new Finding(false, Text.of("policy.evidence.noDrill"), remedy);
        }
        long days = Math.max(0, Duration.between(last, now).toDays());
        boolean recent = !last.isBefore(now.minus(Duration.ofDays(maxDays)));
        return new Finding(recent, Text.of(recent ? "policy.evidence.drill" : "policy.evidence.drillOld",
                when(last, zone()), String.valueOf(days)), remedy);
    }

    private Finding calendar() {
        ChangeCalendar calendar = policy.calendar();
        ChangeCalendar.Check check = calendar.check(now);
        List<Text> found = new ArrayList<>();
        if (!check.windowsConfigured()) {
            found.add(Text.of("policy.evidence.noWindows"));
        } else if (check.window() != null) {
            found.add(Text.of("policy.evidence.window", check.window().line(), when(now, check.window().zone())));
        } else {
            found.add(Text.of("policy.evidence.outsideWindows", when(now, calendar.zone())));
        }
        if (check.freezes().isEmpty()) {
            found.add(Text.of("policy.evidence.noFreeze"));
        } else {
            found.add(Text.of("policy.evidence.frozen",
                    check.freezes().stream().map(Freeze::line).collect(Collectors.joining("; "))));
        }
        Text remedy;
        if (!check.freezes().isEmpty()) {
            remedy = Text.of("policy.remedy.freeze", when(check.frozenUntil(), check.freezes().get(0).zone()));
        } else {
            remedy = Text.of("policy.remedy.window", check.nextOpening() == null ? "-"
                    : when(check.nextOpening(), calendar.zone()), String.join("; ", calendar.windowLines()));
        }
        return new Finding(check.allowed(), Text.list(found), remedy);
    }

    private Finding confirmation(String item) {
        boolean confirmed = inputs.confirmed(item);
        return new Finding(confirmed, Text.of(confirmed ? "policy.evidence.confirmed" : "policy.evidence.notConfirmed"),
                Text.of("policy.remedy.custom", item));
    }

    private ZoneId zone() {
        return policy.calendar().zone();
    }

    /** {@code Tue 2026-03-31 09:00 Europe/Berlin}: an instant on the wall clock of a zone, for people. */
    static String when(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone)) + " " + zone.getId();
    }

    /** The first {@value #LISTED} entries, comma-separated, and "…" for more: a fleet's failures stay readable. */
    private static String firstOf(List<String> entries) {
        String listed = String.join(", ", entries.subList(0, Math.min(entries.size(), LISTED)));
        return entries.size() > LISTED ? listed + ", … (" + entries.size() + ")" : listed;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
