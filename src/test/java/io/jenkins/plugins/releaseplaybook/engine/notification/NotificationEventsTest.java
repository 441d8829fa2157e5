package io.jenkins.plugins.releaseplaybook.engine.notification;

import static io.jenkins.plugins.releaseplaybook.engine.notification.NotificationSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.Test;

public class NotificationEventsTest {
    private static final Set<EventKind.Topic> ALL = EnumSet.allOf(EventKind.Topic.class);

    @Test
    public void aFailedGateIsOneEventListingEveryMissingRequiredItem() {
        List<NotificationEvent> events = NotificationEvents.of(NotificationSamples.gateFailed("checkout"), ALL);

        assertThat(events).hasSize(1);
        NotificationEvent event = events.get(0);
        assertThat(event.kind()).isEqualTo(EventKind.GATE_FAILED);
        assertThat(event.missing()).extracting(NotificationEvent.Missing::item)
                .containsExactly("backup verified", "load test passed"); // not the satisfied one, not the optional one
        assertThat(event.at()).isEqualTo(T0.plusSeconds(61));
        assertThat(event.risk()).isEqualTo("high");
        assertThat(event.owners()).containsExactly("oncall@example.com", "team-checkout");
        assertThat(event.notifyTo()).containsExactly("#checkout-release", "Release@Example.com");
        assertThat(event.rollback()).isNull();
    }

    @Test
    public void aPassingGateIsNoEvent() {
        ReleaseReport report = ReleaseReport.empty().withHeader(NotificationSamples.header("checkout", false))
                .withChecklist(List.of(new ChecklistItem("backup verified", true, true, "b-1"),
                        new ChecklistItem("silences active", false, false, "not required")));

        assertThat(NotificationEvents.of(report, ALL)).isEmpty();
    }

    @Test
    public void aRollbackCarriesTriggerActionsOutcomeAndTimeToRecover() {
        ReleaseReport report = ReleaseReport.empty().withHeader(NotificationSamples.header("checkout", false))
                .withRollback(NotificationSamples.rollback(StageStatus.SUCCESS, false));

        NotificationEvent event = NotificationEvents.of(report, ALL).get(0);

        assertThat(event.kind()).isEqualTo(EventKind.ROLLED_BACK);
        assertThat(event.rollback().trigger()).contains("error ratio 7%");
        assertThat(event.rollback().actions()).extracting(NotificationEvent.Action::status)
                .containsExactly("SUCCESS", "SUCCESS");
        assertThat(event.rollback().outcome()).isEqualTo("SUCCESS");
        assertThat(event.rollback().timeToRecover()).isEqualTo(Duration.ofSeconds(45));
        assertThat(event.at()).isEqualTo(T0.plusSeconds(350));
    }

    @Test
    public void aDrillPassesWhenItsRollbackWorkedAndFailsOtherwise() {
        ReleaseReport passed = ReleaseReport.empty().withHeader(NotificationSamples.header("checkout", true))
                .withRollback(NotificationSamples.rollback(StageStatus.SUCCESS, true));
        ReleaseReport failed = ReleaseReport.empty().withHeader(NotificationSamples.header("checkout", true))
                .withRollback(NotificationSamples.rollback(StageStatus.FAILURE, true));

        assertThat(NotificationEvents.of(passed, ALL)).extracting(NotificationEvent::kind)
                .containsExactly(EventKind.DRILL_PASSED);
        NotificationEvent event = NotificationEvents.of(failed, ALL).get(0);
        assertThat(event.kind()).isEqualTo(EventKind.DRILL_FAILED);
        assertThat(event.rollback().timeToRecover()).isNull();
        assertThat(NotificationText.of(event, Locale.ROOT).plain()).contains("Time to recover: not recovered")
                .contains("./deploy.sh --previous: FAILURE (exit code 2)");
    }

    @Test
    public void onlyTheTopicsTheAdministratorChoseAndNothingWithoutAPlan() {
        ReleaseReport both = NotificationSamples.gateFailed("checkout")
                .withRollback(NotificationSamples.rollback(StageStatus.SUCCESS, false));

        assertThat(NotificationEvents.of(both, EnumSet.of(EventKind.Topic.ROLLBACK))).extracting(NotificationEvent::kind)
                .containsExactly(EventKind.ROLLED_BACK);
        assertThat(NotificationEvents.of(both, EnumSet.noneOf(EventKind.Topic.class))).isEmpty();
        assertThat(NotificationEvents.of(ReleaseReport.empty(), ALL)).as("no releasePlan: nobody to tell").isEmpty();
        assertThat(NotificationEvents.of(null, ALL)).isEmpty();
    }

    @Test
    public void textsInTheChosenLanguage() {
        NotificationEvent event = NotificationEvents.of(NotificationSamples.gateFailed("checkout"), ALL).get(0);

        NotificationText english = NotificationText.of(event, Locale.ENGLISH);
        NotificationText chinese = NotificationText.of(event, Locale.SIMPLIFIED_CHINESE);

        assertThat(english.title()).isEqualTo("Release gate failed: checkout 1.4.2");
        assertThat(chinese.title()).isEqualTo("发布门禁未通过：checkout 1.4.2");
        assertThat(english.url()).isEqualTo("https://ci.example.com/job/shop/job/checkout/42/release-report/");
        assertThat(english.plain()).contains("Build: shop/checkout #42\n").contains("Risk: high\n")
                .contains("Missing: backup verified (no releaseBackup in this build)\n");
    }

    @Test
    public void aRelativeBuildUrlGivesNoLink() {
        ReleaseReport report = ReleaseReport.empty().withHeader(NotificationSamples.header("checkout", false)
                .withEmergency(io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan.NONE))
                .withRollback(NotificationSamples.rollback(StageStatus.SUCCESS, false));
        NotificationEvent event = NotificationEvents.of(report, ALL).get(0);
        NotificationEvent relative = new NotificationEvent(event.kind(), event.service(), null, null,
                new io.jenkins.plugins.releaseplaybook.engine.report.BuildRef("x", 1, "job/x/1/"), null, List.of(),
                List.of(), List.of(), event.rollback());

        assertThat(NotificationText.of(relative, Locale.ROOT).url()).isNull();
        assertThat(NotificationText.of(relative, Locale.ROOT).title()).isEqualTo("Rolled back: checkout");
    }
}
