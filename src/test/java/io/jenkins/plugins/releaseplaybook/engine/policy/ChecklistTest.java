package io.jenkins.plugins.releaseplaybook.engine.policy;

import static io.jenkins.plugins.releaseplaybook.engine.policy.GateFixtures.NOW;
import static io.jenkins.plugins.releaseplaybook.engine.policy.GateFixtures.completeRelease;
import static io.jenkins.plugins.releaseplaybook.engine.policy.GateFixtures.inputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;

/** Every checklist item satisfied and missing, with its evidence and remedy; the policy per level. */
public class ChecklistTest {
    private static final ChangeCalendar OFFICE_HOURS = ChangeCalendar.parse("Europe/Berlin", "Mon-Fri 09:00-17:00",
            "2026-12-20 to 2027-01-03 year-end freeze");

    /** Every item required at high risk, the drill within 30 days and one admin-listed custom item. */
    private static PlaybookPolicy everything() {
        return new PlaybookPolicy(Map.of(Risk.HIGH, new LevelPolicy(EnumSet.allOf(ChecklistKind.class),
                List.of("load test passed"))), 30, OFFICE_HOURS);
    }

    private static GateEvaluation evaluate(PlaybookPolicy policy, GateInputs inputs) {
        return evaluate(policy, inputs, NOW);
    }

    private static GateEvaluation evaluate(PlaybookPolicy policy, GateInputs inputs, Instant at) {
        return Checklist.evaluate(policy, inputs, new ManualClock(at));
    }

    private static GateInputs confirmed(ReleaseReport report) {
        GateInputs base = inputs(report);
        return new GateInputs(report, base.enclosingRollback(), base.lastPassingDrill(), List.of("Load test passed "));
    }

    private static ChecklistItem item(GateEvaluation evaluation, String id) {
        return evaluation.items().stream().filter(i -> id.equals(i.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + id + " in " + evaluation.items()));
    }

    private static String evidence(ChecklistItem item) {
        return item.evidence().text();
    }

    private static String remedy(ChecklistItem item) {
        return item.remedy() == null ? null : item.remedy().text();
    }

    private static void assertMissing(GateEvaluation evaluation, String id, String evidence, String remedy) {
        ChecklistItem item = item(evaluation, id);
        assertThat(item.status()).as(id).isEqualTo(ChecklistStatus.MISSING);
        assertThat(item.satisfied()).isFalse();
        assertThat(evidence(item)).as(id + " evidence").contains(evidence);
        assertThat(remedy(item)).as(id + " remedy").contains(remedy);
        assertThat(evaluation.ok()).isFalse();
        assertThat(evaluation.record().missing()).contains(id);
    }

    @Test
    public void aCompleteReleaseSatisfiesEveryItemWithItsEvidence() {
        GateEvaluation evaluation = evaluate(everything(), confirmed(completeRelease(Risk.HIGH)));

        assertThat(evaluation.ok()).isTrue();
        assertThat(evaluation.missing()).isEmpty();
        assertThat(evaluation.items()).allSatisfy(i -> {
            assertThat(i.status()).as(i.id()).isEqualTo(ChecklistStatus.SATISFIED);
            assertThat(i.remedy()).as(i.id()).isNull();
        });
        assertThat(evaluation.items()).extracting(ChecklistItem::id).containsExactly("plan", "backupVerified",
                "backupRestoreTested", "artifactsVerified", "silencesActive", "rollbackDeclared", "emergencyContacts",
                "emergencyTriggers", "emergencyRollbackPlan", "emergencyNotify", "drill", "changeWindow",
                "custom:load test passed");
        assertThat(evidence(item(evaluation, "plan"))).isEqualTo("service checkout 1.4.2, owners oncall-checkout@example.com");
        assertThat(evidence(item(evaluation, "backupVerified"))).isEqualTo("verified backups b-1");
        assertThat(evidence(item(evaluation, "backupRestoreTested"))).isEqualTo("restore-tested backups b-1");
        assertThat(evidence(item(evaluation, "artifactsVerified"))).contains("/opt/checkout/releases/1.4.2: 3 of 3 targets");
        assertThat(evidence(item(evaluation, "silencesActive"))).contains("s-1").contains("2026-06-02 10:45 Europe/Berlin");
        assertThat(evidence(item(evaluation, "rollbackDeclared"))).isEqualTo("inside autoRollback (2 actions)");
        assertThat(evidence(item(evaluation, "emergencyContacts"))).isEqualTo("Alice (release owner)");
        assertThat(evidence(item(evaluation, "emergencyNotify"))).isEqualTo("#checkout-releases");
        assertThat(evidence(item(evaluation, "drill"))).contains("7 days ago");
        assertThat(item(evaluation, "drill").item()).isEqualTo("Passing drill within 30 days");
        assertThat(evidence(item(evaluation, "changeWindow")))
                .contains("inside the window 'Mon-Fri 09:00-17:00' (Tue 2026-06-02 10:00 Europe/Berlin)")
                .contains("no freeze");
        ChecklistItem custom = item(evaluation, "custom:load test passed");
        assertThat(custom.claim()).isTrue();
        assertThat(evidence(custom)).contains("its claim");
        assertThat(evaluation.record().confirmations()).containsExactly("Load test passed");
        assertThat(evaluation.message(Locale.ROOT)).isEqualTo("releaseGate: all 13 required items are satisfied (risk high).");
    }

    @Test
    public void thePlanIsMissingWithoutReleasePlanOrWithoutOwners() {
        assertMissing(evaluate(everything(), inputs(ReleaseReport.empty())), "plan", "no releasePlan in this build",
                "Call releasePlan(service: ..., owners: ['team@example.com'])");
        ReleaseReport noOwners = completeRelease(Risk.HIGH)
                .withHeader(GateFixtures.header(Risk.HIGH, List.of(), GateFixtures.EMERGENCY));
        assertMissing(evaluate(everything(), inputs(noOwners)), "plan", "no owners", "owners:");
    }

    @Test
    public void aPlanWithoutRiskIsJudgedAsMedium() {
        ReleaseReport report = ReleaseReport.empty().withHeader(GateFixtures.header(null, List.of("a@example.com"),
                EmergencyPlan.NONE));
        assertThat(evaluate(PlaybookPolicy.defaults(), inputs(report)).record().risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    public void backupItemsNameTheBackupsThatFellShort() {
        ReleaseReport unverified = completeRelease(Risk.HIGH).withBackup(GateFixtures.backup("b-1", false, false));
        GateEvaluation evaluation = evaluate(everything(), confirmed(unverified));
        assertMissing(evaluation, "backupVerified", "backups b-1: not verified", "releaseBackup");
        assertMissing(evaluation, "backupRestoreTested", "backups b-1: not restore-tested", "testRestore: true");

        ReleaseReport verifiedOnly = completeRelease(Risk.HIGH).withBackup(GateFixtures.backup("b-1", true, false));
        GateEvaluation partly = evaluate(everything(), confirmed(verifiedOnly));
        assertThat(item(partly, "backupVerified").status()).isEqualTo(ChecklistStatus.SATISFIED);
        assertMissing(partly, "backupRestoreTested", "b-1", "testRestore: true");

        GateEvaluation none = evaluate(everything(), confirmed(ReleaseReport.empty()
                .withHeader(GateFixtures.header(Risk.HIGH, List.of("a@example.com"), GateFixtures.EMERGENCY))));
        assertMissing(none, "backupVerified", "no releaseBackup in this build", "releaseBackup");
    }

    @Test
    public void artifactsAreMissingWhenADistributionFellShortOfItsPolicy() {
        ReleaseReport failed = completeRelease(Risk.HIGH).withDistributionRun(
                GateFixtures.run("/opt/checkout/cli", 3, 2, false, List.of("web-3")), List.of());
        GateEvaluation evaluation = evaluate(everything(), confirmed(failed));
        assertMissing(evaluation, "artifactsVerified", "/opt/checkout/cli: only 2 of 3 targets verified",
                "Fix the failed targets (web-3)");
        assertThat(evidence(item(evaluation, "artifactsVerified"))).contains("/opt/checkout/releases/1.4.2: 3 of 3");

        ReleaseReport none = ReleaseReport.empty()
                .withHeader(GateFixtures.header(Risk.HIGH, List.of("a@example.com"), GateFixtures.EMERGENCY));
        assertMissing(evaluate(everything(), inputs(none)), "artifactsVerified", "no preDistribute in this build",
                "preDistribute");
    }

    @Test
    public void aFleetsFailuresAreNamedUpToTwenty() {
        List<String> failed = java.util.stream.IntStream.rangeClosed(1, 500).mapToObj(i -> "web-" + i).toList();
        ReleaseReport report = completeRelease(Risk.HIGH).withDistributionRun(
                GateFixtures.run("/opt/checkout/fleet", 1000, 500, false, failed), List.of());
        ChecklistItem item = item(evaluate(everything(), confirmed(report)), "artifactsVerified");
        assertThat(evidence(item)).contains("only 500 of 1000 targets verified").contains("web-20, … (500)")
                .doesNotContain("web-21");
        assertThat(remedy(item)).contains("web-1, web-2").contains("… (500)");
    }

    @Test
    public void aSuccessfulRerunToTheSamePlaceReplacesTheFailedRun() {
        ReleaseReport report = completeRelease(Risk.HIGH)
                .withDistributionRun(GateFixtures.run("/opt/checkout/cli", 3, 1, false, List.of("web-2", "web-3")),
                        List.of())
                .withDistributionRun(GateFixtures.run("/opt/checkout/cli", 3, 3, true, List.of()), List.of());
        ChecklistItem item = item(evaluate(everything(), confirmed(report)), "artifactsVerified");
        assertThat(item.status()).isEqualTo(ChecklistStatus.SATISFIED);
        assertThat(evidence(item)).doesNotContain("only").contains("/opt/checkout/cli: 3 of 3");
    }

    @Test
    public void silencesMustBeActiveNow() {
        ReleaseReport expired = completeRelease(Risk.HIGH).withSilence(
                GateFixtures.silence("s-1", NOW.minusSeconds(300), NOW.plusSeconds(2700), SilenceState.EXPIRED));
        assertMissing(evaluate(everything(), confirmed(expired)), "silencesActive", "silences s-1: none active now",
                "silenceAlerts { ... }");

        ReleaseReport ended = completeRelease(Risk.HIGH).withSilence(
                GateFixtures.silence("s-1", NOW.minusSeconds(3600), NOW.minusSeconds(1), SilenceState.ACTIVE));
        assertMissing(evaluate(everything(), confirmed(ended)), "silencesActive", "none active now", "silenceAlerts");

        ReleaseReport later = completeRelease(Risk.HIGH).withSilence(
                GateFixtures.silence("s-1", NOW.plusSeconds(60), NOW.plusSeconds(3600), SilenceState.ACTIVE));
        assertMissing(evaluate(everything(), confirmed(later)), "silencesActive", "none active now", "silenceAlerts");

        ReleaseReport none = ReleaseReport.empty()
                .withHeader(GateFixtures.header(Risk.HIGH, List.of("a@example.com"), GateFixtures.EMERGENCY));
        assertMissing(evaluate(everything(), inputs(none)), "silencesActive", "no silence in this build", "createSilences");
    }

    @Test
    public void rollbackIsDeclaredByAnEnclosingAutoRollbackOrARollbackPlanInWords() {
        ReleaseReport report = completeRelease(Risk.HIGH);
        GateInputs outside = new GateInputs(report, null, NOW.minus(Duration.ofDays(1)), List.of("load test passed"));
        ChecklistItem inWords = item(evaluate(everything(), outside), "rollbackDeclared");
        assertThat(inWords.status()).isEqualTo(ChecklistStatus.SATISFIED);
        assertThat(evidence(inWords)).isEqualTo("rollback plan in words: redeploy 1.4.1 with ./deploy.sh --previous");

        ReleaseReport noPlan = report.withHeader(GateFixtures.header(Risk.HIGH, List.of("a@example.com"),
                new EmergencyPlan(GateFixtures.EMERGENCY.contacts(), GateFixtures.EMERGENCY.triggers(), null,
                        GateFixtures.EMERGENCY.notifyTo())));
        GateEvaluation evaluation = evaluate(everything(),
                new GateInputs(noPlan, null, NOW.minus(Duration.ofDays(1)), List.of("load test passed")));
        assertMissing(evaluation, "rollbackDeclared", "not inside autoRollback", "autoRollback { ... }");
        assertMissing(evaluation, "emergencyRollbackPlan", "not in the emergency plan", "rollbackPlan: '...'");
        assertThat(evaluation.missing()).extracting(ChecklistItem::id)
                .containsExactly("rollbackDeclared", "emergencyRollbackPlan");

        GateEvaluation inside = evaluate(everything(), new GateInputs(noPlan, GateFixtures.autoRollback(),
                NOW.minus(Duration.ofDays(1)), List.of("load test passed")));
        assertThat(item(inside, "rollbackDeclared").status()).isEqualTo(ChecklistStatus.SATISFIED);
    }

    @Test
    public void eachPartOfTheEmergencyPlanIsItsOwnItem() {
        ReleaseReport report = completeRelease(Risk.HIGH)
                .withHeader(GateFixtures.header(Risk.HIGH, List.of("a@example.com"), EmergencyPlan.NONE));
        GateEvaluation evaluation = evaluate(everything(), confirmed(report));
        assertMissing(evaluation, "emergencyContacts", "not in the emergency plan", "contacts: [[name:");
        assertMissing(evaluation, "emergencyTriggers", "not in the emergency plan", "triggers: ['...']");
        assertMissing(evaluation, "emergencyRollbackPlan", "not in the emergency plan", "rollbackPlan");
        assertMissing(evaluation, "emergencyNotify", "not in the emergency plan", "notify: ['...']");
        // autoRollback encloses the gate: the rollback is declared even without the plan in words.
        assertThat(item(evaluation, "rollbackDeclared").status()).isEqualTo(ChecklistStatus.SATISFIED);
    }

    @Test
    public void theDrillMustHavePassedWithinTheConfiguredDays() {
        ReleaseReport report = completeRelease(Risk.HIGH);
        GateInputs never = new GateInputs(report, GateFixtures.autoRollback(), null, List.of("load test passed"));
        assertMissing(evaluate(everything(), never), "drill", "no passing drill found",
                "releasePlan(drill: true) with autoRollback) that passes; a passing drill counts for 30 days");

        GateInputs old = new GateInputs(report, GateFixtures.autoRollback(), NOW.minus(Duration.ofDays(31)),
                List.of("load test passed"));
        assertMissing(evaluate(everything(), old), "drill", "31 days ago, too long", "30 days");

        GateInputs justInTime = new GateInputs(report, GateFixtures.autoRollback(), NOW.minus(Duration.ofDays(30)),
                List.of("load test passed"));
        assertThat(item(evaluate(everything(), justInTime), "drill").status()).isEqualTo(ChecklistStatus.SATISFIED);
    }

    @Test
    public void outsideTheWindowsTheRemedyNamesTheNextOpening() {
        Instant evening = Instant.parse("2026-06-02T16:30:00Z"); // Tue 18:30 CEST
        GateEvaluation evaluation = evaluate(everything(), confirmed(completeRelease(Risk.HIGH)), evening);
        assertMissing(evaluation, "changeWindow", "outside every change window (Tue 2026-06-02 18:30 Europe/Berlin)",
                "the next opens Wed 2026-06-03 09:00 Europe/Berlin (windows: Mon-Fri 09:00-17:00)");
    }

    @Test
    public void inAFreezeTheRemedyNamesItsEnd() {
        Instant christmas = Instant.parse("2026-12-22T09:00:00Z"); // Tue 10:00 CET, inside the window
        GateEvaluation evaluation = evaluate(everything(), confirmed(completeRelease(Risk.HIGH)), christmas);
        assertMissing(evaluation, "changeWindow", "inside the freeze '2026-12-20 to 2027-01-03 year-end freeze'",
                "after the freeze ends at Mon 2027-01-04 00:00 Europe/Berlin");
        assertThat(evidence(item(evaluation, "changeWindow"))).contains("inside the window");
    }

    @Test
    public void anAdminListedItemTheJobDidNotConfirmIsMissing() {
        GateEvaluation evaluation = evaluate(everything(), inputs(completeRelease(Risk.HIGH)));
        assertMissing(evaluation, "custom:load test passed", "not confirmed by the job",
                "releaseGate(confirm: ['load test passed'])");
        assertThat(evaluation.missing()).hasSize(1);
    }

    @Test
    public void itemsTheJobConfirmsBeyondThePolicyAreRecordedAsClaims() {
        ReleaseReport report = completeRelease(Risk.HIGH);
        GateInputs inputs = new GateInputs(report, GateFixtures.autoRollback(), NOW.minus(Duration.ofDays(1)),
                List.of("load test passed", "DBA reviewed the migration", " ", "dba reviewed the migration"));
        GateEvaluation evaluation = evaluate(everything(), inputs);

        ChecklistItem extra = item(evaluation, "custom:DBA reviewed the migration");
        assertThat(extra.status()).isEqualTo(ChecklistStatus.NOT_REQUIRED);
        assertThat(extra.satisfied()).isTrue();
        assertThat(extra.claim()).isTrue();
        assertThat(evaluation.record().confirmations()).containsExactly("load test passed", "DBA reviewed the migration");
        assertThat(evaluation.ok()).isTrue();
    }

    @Test
    public void lowRiskRequiresOnlyThePlanByDefault() {
        ReleaseReport report = ReleaseReport.empty()
                .withHeader(GateFixtures.header(Risk.LOW, List.of("a@example.com"), EmergencyPlan.NONE));
        GateEvaluation evaluation = evaluate(PlaybookPolicy.defaults(), new GateInputs(report, null, null, null));

        assertThat(evaluation.ok()).isTrue();
        assertThat(item(evaluation, "plan").status()).isEqualTo(ChecklistStatus.SATISFIED);
        assertThat(evaluation.items()).filteredOn(i -> !"plan".equals(i.id()))
                .allSatisfy(i -> assertThat(i.status()).as(i.id()).isEqualTo(ChecklistStatus.NOT_REQUIRED));
        // Not required, but still evaluated: the report shows what was (not) there.
        ChecklistItem backup = item(evaluation, "backupVerified");
        assertThat(backup.satisfied()).isFalse();
        assertThat(evidence(backup)).isEqualTo("no releaseBackup in this build");
        assertThat(backup.remedy()).isNotNull();
    }

    @Test
    public void mediumRiskRequiresTheCoreItemsByDefault() {
        ReleaseReport report = ReleaseReport.empty()
                .withHeader(GateFixtures.header(Risk.MEDIUM, List.of("a@example.com"), EmergencyPlan.NONE));
        GateEvaluation evaluation = evaluate(PlaybookPolicy.defaults(), new GateInputs(report, null, null, null));

        assertThat(evaluation.record().missing()).containsExactly("backupVerified", "artifactsVerified",
                "silencesActive", "rollbackDeclared");
        assertThat(item(evaluation, "changeWindow").status()).as("open calendar").isEqualTo(ChecklistStatus.SATISFIED);
        assertThat(evidence(item(evaluation, "changeWindow"))).contains("no change windows configured");
        assertThat(item(evaluation, "backupRestoreTested").status()).isEqualTo(ChecklistStatus.NOT_REQUIRED);
        assertThat(item(evaluation, "drill").status()).isEqualTo(ChecklistStatus.NOT_REQUIRED);

        GateEvaluation complete = evaluate(PlaybookPolicy.defaults(), new GateInputs(
                completeRelease(Risk.MEDIUM).withHeader(GateFixtures.header(Risk.MEDIUM, List.of("a@example.com"),
                        EmergencyPlan.NONE)), GateFixtures.autoRollback(), null, null));
        assertThat(complete.ok()).isTrue();
    }

    @Test
    public void highRiskRequiresEverythingExceptTheDrillByDefault() {
        ReleaseReport report = ReleaseReport.empty()
                .withHeader(GateFixtures.header(Risk.HIGH, List.of("a@example.com"), EmergencyPlan.NONE));
        GateEvaluation evaluation = evaluate(PlaybookPolicy.defaults(), new GateInputs(report, null, null, null));

        assertThat(evaluation.record().missing()).containsExactly("backupVerified", "backupRestoreTested",
                "artifactsVerified", "silencesActive", "rollbackDeclared", "emergencyContacts", "emergencyTriggers",
                "emergencyRollbackPlan", "emergencyNotify");
        assertThat(item(evaluation, "drill").status()).isEqualTo(ChecklistStatus.NOT_REQUIRED);

        GateEvaluation complete = evaluate(PlaybookPolicy.defaults(),
                new GateInputs(completeRelease(Risk.HIGH), GateFixtures.autoRollback(), null, null));
        assertThat(complete.ok()).isTrue();
        assertThat(complete.items()).filteredOn(ChecklistItem::required).hasSize(11);
    }

    @Test
    public void theFailureListsEveryMissingItemAndWhatToDoInTheReadersLanguage() {
        ReleaseReport report = ReleaseReport.empty()
                .withHeader(GateFixtures.header(Risk.MEDIUM, List.of("a@example.com"), EmergencyPlan.NONE));
        GateEvaluation evaluation = evaluate(PlaybookPolicy.defaults(), new GateInputs(report, null, null, null));

        String message = evaluation.message(Locale.ROOT);
        assertThat(message.lines().toList()).hasSize(5);
        assertThat(message).startsWith("releaseGate: 4 of 6 required items are missing (risk medium):")
                .contains("- Backup verified: no releaseBackup in this build. To do: Back up before the gate")
                .contains("- Artifacts distributed and verified: no preDistribute in this build. To do:")
                .contains("- Alert silences active: no silence in this build. To do:")
                .contains("- Rollback declared: not inside autoRollback");
        String chinese = evaluation.message(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).startsWith("releaseGate：6 个必需项中缺少 4 个（风险 medium）：").contains("备份已校验")
                .contains("待办");
    }

    @Test
    public void thePolicyInForceIsRecordedWithTheGate() {
        GateEvaluation evaluation = evaluate(everything(), confirmed(completeRelease(Risk.HIGH)));
        var policy = evaluation.record().policy();
        assertThat(policy.at()).isEqualTo(NOW);
        assertThat(policy.zone()).isEqualTo("Europe/Berlin");
        assertThat(policy.windows()).containsExactly("Mon-Fri 09:00-17:00");
        assertThat(policy.freezes()).containsExactly("2026-12-20 to 2027-01-03 year-end freeze");
        assertThat(policy.drillMaxAgeDays()).isEqualTo(30);
        assertThat(policy.level(Risk.HIGH).required()).hasSize(ChecklistKind.values().length).startsWith("plan");
        assertThat(policy.level(Risk.HIGH).customItems()).containsExactly("load test passed");
        assertThat(policy.level(Risk.LOW).required()).containsExactly("plan");
    }

    @Test
    public void aPassingDrillIsADrillBuildWhoseRollbackSucceeded() {
        Instant recovered = Instant.parse("2026-05-20T10:00:00Z");
        assertThat(Drills.passedAt(GateFixtures.drillBuild(recovered, StageStatus.SUCCESS))).isEqualTo(recovered);
        assertThat(Drills.passedAt(GateFixtures.drillBuild(recovered, StageStatus.FAILURE))).isNull();
        assertThat(Drills.passedAt(completeRelease(Risk.HIGH))).as("not a drill").isNull();
        assertThat(Drills.passedAt(ReleaseReport.empty())).isNull();
        assertThat(Drills.passedAt(null)).isNull();
    }
}
