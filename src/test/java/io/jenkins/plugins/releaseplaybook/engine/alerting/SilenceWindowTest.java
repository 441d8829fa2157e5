package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedList;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The window's all-or-none creation and retried expiry, on a manual clock against a scripted Alertmanager. */
public class SilenceWindowTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final URI AM = URI.create("http://alertmanager:9093");
    private static final Matcher CHECKOUT = new Matcher("service", MatchType.EQUAL, "checkout");
    /** Lets every draft of these tests through: 30 minutes unless a draft says otherwise. */
    private static final SilencePolicy POLICY = SilencePolicy.builder().maxDuration(Duration.ofHours(1))
            .defaultDuration(Duration.ofMinutes(30)).requiredLabels("service").protectedSets(List.of()).build();
    private static final SilenceOrigin ME = SilenceOrigin.of("me");

    private final ManualClock clock = new ManualClock(T0);
    private final List<String> log = new ArrayList<>();
    private final ScriptedAlertmanager alertmanager = new ScriptedAlertmanager();
    private final SilenceWindow window = SilenceWindow.builder(alertmanager).clock(clock).sleeper(clock.sleeper())
            .log(log::add).build();

    @Test
    public void opensEverySilenceWithAnEndAndClosesThemListingWhatTheySuppressed() throws Exception {
        List<ActiveSilence> silences = window.open(List.of(draft("a", Duration.ofMinutes(45)),
                draft("b", Duration.ofMinutes(10))), POLICY, SilenceOrigin.of("jenkins: shop/checkout #42")).silences();

        assertThat(silences).extracting(ActiveSilence::id).containsExactly("id-1", "id-2");
        assertThat(silences.get(0).endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(45)));
        assertThat(alertmanager.created).allSatisfy(r -> assertThat(r.endsAt()).isNotNull());
        alertmanager.firing.add(new AlertInfo(Map.of("alertname", "HighLatency", "service", "checkout"), T0, T0.plusSeconds(300),
                AlertInfo.State.SUPPRESSED, List.of("id-1"), "f1"));
        alertmanager.firing.add(new AlertInfo(Map.of("alertname", "Other", "service", "checkout"), T0, T0.plusSeconds(300),
                AlertInfo.State.ACTIVE, List.of(), "f2"));

        List<SilenceOutcome> outcomes = window.close(silences).outcomes();

        assertThat(alertmanager.expired).containsExactly("id-1", "id-2");
        assertThat(outcomes).allSatisfy(o -> assertThat(o.expired()).isTrue());
        assertThat(outcomes.get(0).suppressedAlerts()).singleElement().asString().contains("HighLatency");
        assertThat(outcomes.get(1).suppressedAlerts()).isEmpty();
        assertThat(SilenceRecords.closed(outcomes.get(0)).state()).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    public void ifTheThirdOfThreeFailsTheFirstTwoAreExpiredAgain() throws Exception {
        alertmanager.createFailures.add(null);
        alertmanager.createFailures.add(null);
        alertmanager.createFailures.add(failure(AlertingException.Kind.BAD_REQUEST, "silence invalid: bad matcher"));

        AlertingException e = org.junit.Assert.assertThrows(AlertingException.class,
                () -> window.open(List.of(draft("a"), draft("b"), draft("c")), POLICY, ME));

        assertThat(e).hasMessageContaining("Could not create silence 3 of 3")
                .hasMessageContaining("silence invalid: bad matcher")
                .hasMessageContaining("the 2 created before it were expired again");
        assertThat(alertmanager.expired).containsExactly("id-1", "id-2");
        assertThat(e.leftBehind()).isEmpty();
    }

    @Test
    public void expiryIsRetriedWithBackoffAndAFailureReportsTheEndTime() throws Exception {
        List<ActiveSilence> silences = window.open(List.of(draft("a")), POLICY, ME).silences();
        for (int i = 0; i < SilenceWindow.EXPIRY_ATTEMPTS; i++) {
            alertmanager.expireFailures.add(failure(AlertingException.Kind.UNREACHABLE, "connection refused"));
        }
        Instant before = clock.instant();

        List<SilenceOutcome> outcomes = window.close(silences).outcomes();

        assertThat(outcomes.get(0).expired()).isFalse();
        assertThat(outcomes.get(0).problem()).contains("connection refused");
        assertThat(alertmanager.expireAttempts).isEqualTo(SilenceWindow.EXPIRY_ATTEMPTS);
        assertThat(Duration.between(before, clock.instant())).as("1 + 2 + 4 + 8 s of backoff").isEqualTo(Duration.ofSeconds(15));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("it ends on its own at " + T0.plus(Duration.ofMinutes(30))));
        assertThat(SilenceRecords.closed(outcomes.get(0)).state()).isEqualTo(SilenceState.EXPIRY_FAILED);
    }

    @Test
    public void aTransientExpiryFailureIsOvercome() throws Exception {
        List<ActiveSilence> silences = window.open(List.of(draft("a")), POLICY, ME).silences();
        alertmanager.expireFailures.add(AlertingException.alertmanager(AlertingException.Kind.HTTP_ERROR, 503, List.of(),
                "HTTP 503 from every instance"));

        assertThat(window.close(silences).outcomes().get(0).expired()).isTrue();
        assertThat(alertmanager.expireAttempts).isEqualTo(2);
    }

    @Test
    public void aPermanentExpiryFailureIsNotRetried() throws Exception {
        List<ActiveSilence> silences = window.open(List.of(draft("a")), POLICY, ME).silences();
        alertmanager.expireFailures.add(failure(AlertingException.Kind.NOT_FOUND, "silence not found"));

        assertThat(window.close(silences).outcomes().get(0).problem()).contains("silence not found");
        assertThat(alertmanager.expireAttempts).isEqualTo(1);
    }

    @Test
    public void anAbortWhileOpeningStillUndoesWhatWasCreated() throws Exception {
        alertmanager.createFailures.add(null);
        alertmanager.createFailures.add(failure(AlertingException.Kind.INTERRUPTED, "interrupted"));

        assertThatThrownBy(() -> window.open(List.of(draft("a"), draft("b")), POLICY, ME))
                .isInstanceOf(InterruptedException.class);
        assertThat(alertmanager.expired).containsExactly("id-1");
        assertThat(alertmanager.interruptedWhileExpiring).as("the rollback ran with the interrupt flag cleared").isFalse();
        assertThat(Thread.interrupted()).as("and the interrupt was restored afterwards").isTrue();
    }

    @Test
    public void recordsReadBackIntoTheSilencesTheyDescribe() throws Exception {
        ActiveSilence silence = window.open(List.of(draft("a")), POLICY, ME).silences().get(0);

        assertThat(SilenceRecords.toActive(SilenceRecords.active(silence))).isEqualTo(silence);
    }

    @Test
    public void openEnforcesThePolicyItselfAndCreatesNothingWhenItRefusesAnyDraft() throws Exception {
        SilenceDraft tooLong = draft("b", Duration.ofHours(2));
        SilenceDraft unpinned = new SilenceDraft(List.of(new Matcher("alertname", MatchType.EQUAL, "X")), null, "why");

        AlertingException e = org.junit.Assert.assertThrows(AlertingException.class,
                () -> window.open(List.of(draft("a"), tooLong, unpinned), POLICY, ME));

        assertThat(e.reasons()).hasSize(2);
        assertThat(e.reasons().get(0)).contains("2h is longer than the 1h allowed");
        assertThat(e.reasons().get(1)).contains("it must pin the label 'service'");
        assertThat(alertmanager.created).as("not even the allowed draft").isEmpty();
    }

    @Test
    public void openCountsTheSilencesTheBuildCreatedBeforeAgainstTheCap() throws Exception {
        assertThatThrownBy(() -> window.open(List.of(draft("a"), draft("b")), POLICY, ME.afterCreating(9)))
                .isInstanceOf(AlertingException.class)
                .hasMessageContaining("this build would have 11 silences, more than the 10 allowed per build");
        assertThat(alertmanager.created).isEmpty();
    }

    @Test
    public void durationsComeFromThePolicyAndTheLinkFromTheOriginWithoutHidingAMissingComment() throws Exception {
        SilenceOrigin origin = SilenceOrigin.of("Jenkins: shop/checkout #42").linking("https://ci/job/checkout/42/");

        ActiveSilence silence = window.open(List.of(draft("a")), POLICY, origin).silences().get(0);

        assertThat(silence.endsAt()).as("the policy's default").isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(alertmanager.created.get(0).comment()).isEqualTo("release (https://ci/job/checkout/42/)");
        assertThat(alertmanager.created.get(0).createdBy()).isEqualTo("Jenkins: shop/checkout #42");
        assertThat(silence.comment()).isEqualTo("release (https://ci/job/checkout/42/)");
        SilenceDraft blank = new SilenceDraft(List.of(CHECKOUT), null, " ");
        assertThatThrownBy(() -> window.open(List.of(blank), POLICY, origin.afterCreating(1)))
                .as("the link does not count as a comment").isInstanceOf(AlertingException.class)
                .hasMessageContaining("give a comment");
        assertThat(alertmanager.created).hasSize(1);
    }

    @Test
    public void expiryStartsWhereTheSilenceWasCreatedAndReportsInstancesThatDidNotKnowIt() throws Exception {
        List<ActiveSilence> silences = window.open(List.of(draft("a")), POLICY, ME).silences();
        URI peer = URI.create("http://alertmanager-2:9093");
        alertmanager.expiry = new Expiry(peer, List.of(AM), List.of());

        SilenceOutcome outcome = window.close(silences).outcomes().get(0);

        assertThat(alertmanager.expiredAtCreator).containsExactly(AM);
        assertThat(outcome.expired()).isTrue();
        assertThat(outcome.expiredAt()).isEqualTo(peer);
        assertThat(outcome.unaware()).containsExactly(AM);
        assertThat(log).anySatisfy(l -> assertThat(l).isEqualTo("silence id-1 was expired at " + peer + "; " + AM
                + " did not know it (down when it was created, or not synced yet), which is no harm: the instances of a"
                + " cluster share the expiry"));
    }

    @Test
    public void logsInTheReadersLanguage() throws Exception {
        SilenceWindow chinese = SilenceWindow.builder(alertmanager).clock(clock).sleeper(clock.sleeper())
                .log(log::add).locale(java.util.Locale.SIMPLIFIED_CHINESE).build();
        List<ActiveSilence> silences = chinese.open(List.of(draft("a")), POLICY, ME).silences();
        chinese.close(silences).outcomes();

        assertThat(log).hasSize(2);
        assertThat(log.get(0)).startsWith("已静默 {service=\"checkout\", alertname=\"a\"}");
        assertThat(log.get(1)).isEqualTo("已解除静默 id-1");
    }

    private static SilenceDraft draft(String alertname) {
        return draft(alertname, null);
    }

    private static SilenceDraft draft(String alertname, Duration duration) {
        return SilenceDraft.of(List.of(CHECKOUT, new Matcher("alertname", MatchType.EQUAL, alertname)))
                .lasting(duration).because("release");
    }

    private static AlertingException failure(AlertingException.Kind kind, String message) {
        return AlertingException.alertmanager(kind, -1, List.of(), message);
    }

    /** Answers from a script: queued failures first (null means "succeed"), then success. */
    private static final class ScriptedAlertmanager implements AlertmanagerPort {
        final List<SilenceRequest> created = new ArrayList<>();
        final List<String> expired = new ArrayList<>();
        final List<AlertInfo> firing = new ArrayList<>();
        final Deque<AlertingException> createFailures = new LinkedList<>(); // null entries mean "succeed"
        final Deque<AlertingException> expireFailures = new ArrayDeque<>();
        final List<URI> expiredAtCreator = new ArrayList<>();
        /** What an expiry answers; {@code null}: expired where it was created. */
        Expiry expiry;
        int expireAttempts;
        boolean interruptedWhileExpiring;

        @Override
        public CreatedSilence create(SilenceRequest request) throws AlertingException {
            AlertingException failure = createFailures.isEmpty() ? null : createFailures.poll();
            if (failure != null) {
                if (failure.kind() == AlertingException.Kind.INTERRUPTED) {
                    Thread.currentThread().interrupt(); // as the real client leaves it
                }
                throw failure;
            }
            created.add(request);
            return new CreatedSilence("id-" + created.size(), AM);
        }

        @Override
        public Expiry expire(String id, URI createdAt) throws AlertingException {
            expireAttempts++;
            expiredAtCreator.add(createdAt);
            interruptedWhileExpiring |= Thread.currentThread().isInterrupted();
            if (!expireFailures.isEmpty()) {
                throw expireFailures.poll();
            }
            expired.add(id);
            return expiry != null ? expiry : Expiry.at(createdAt);
        }

        @Override
        public List<AlertInfo> alerts(List<Matcher> filter, boolean silenced, boolean inhibited, boolean active) {
            return List.copyOf(firing);
        }
    }
}
