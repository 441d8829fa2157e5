package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerAlerts;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The silence life cycle of {@code silenceAlerts} against a real Alertmanager: policy first, then all-or-none
 * creation, then expiry. Each test silences its own {@code service} label, so tests do not see each other.
 */
public class SilenceWindowIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @ClassRule
    public static final AlertmanagerServer ALERTMANAGER = new AlertmanagerServer();

    private final List<String> log = new ArrayList<>();

    @Test
    public void createdSilencesAreVisibleWhileTheBodyRunsAndExpiredAfterItEvenWhenItFails() throws Exception {
        AlertmanagerClient client = client(ALERTMANAGER.baseUrl());
        SilenceWindow window = SilenceWindow.builder(client).log(log::add).build();
        String service = unique();
        List<SilenceDraft> drafts = List.of(draft(service, "HighLatency"), draft(service, "HighErrorRate"));

        List<ActiveSilence> silences = window.open(drafts, policy(), SilenceOrigin.of("Jenkins: shop/checkout #42"))
                .silences();
        try {
            assertThat(silences).hasSize(2);
            for (ActiveSilence silence : silences) {
                SilenceInfo stored = client.get(silence.id()).orElseThrow();
                assertThat(stored.isActive()).isTrue();
                assertThat(stored.createdBy()).isEqualTo("Jenkins: shop/checkout #42");
                assertThat(stored.endsAt()).as("every silence has an end")
                        .isCloseTo(silence.startsAt().plus(Duration.ofMinutes(30)), within1s());
            }
            throw new IllegalStateException("deploy.sh failed"); // the body fails
        } catch (IllegalStateException bodyFailure) {
            assertThat(bodyFailure).hasMessage("deploy.sh failed");
        } finally {
            List<SilenceOutcome> outcomes = window.close(silences).outcomes();
            assertThat(outcomes).allSatisfy(o -> assertThat(o.expired()).isTrue());
        }
        for (ActiveSilence silence : silences) {
            assertThat(client.get(silence.id()).orElseThrow().isExpired()).isTrue();
        }
    }

    @Test
    public void ifTheThirdOfThreeIsRefusedTheFirstTwoAreExpiredAgain() throws Exception {
        AlertmanagerClient client = client(ALERTMANAGER.baseUrl());
        // The policy approves all three; Alertmanager itself refuses the third, whose end is before its start.
        AlertmanagerPort refusingTheThird = new AlertmanagerPort() {
            private int creates;

            @Override
            public CreatedSilence create(SilenceRequest request) throws AlertingException {
                return client.create(++creates == 3 ? request.withEndsAt(request.startsAt().minusSeconds(60)) : request);
            }

            @Override
            public Expiry expire(String id, URI createdAt) throws AlertingException {
                return client.expire(id, createdAt);
            }

            @Override
            public List<AlertInfo> alerts(List<Matcher> filter, boolean silenced, boolean inhibited, boolean active)
                    throws AlertingException {
                return client.alerts(filter, silenced, inhibited, active);
            }
        };
        SilenceWindow window = SilenceWindow.builder(refusingTheThird).log(log::add).build();
        String service = unique();
        List<SilenceDraft> drafts = List.of(draft(service, "A"), draft(service, "B"), draft(service, "C"));

        AlertingException e = org.junit.Assert.assertThrows(AlertingException.class,
                () -> window.open(drafts, policy(), SilenceOrigin.of("Jenkins: shop/checkout #43")));

        assertThat(e).hasMessageContaining("Could not create silence 3 of 3")
                .hasMessageContaining("(HTTP 400)")
                .hasMessageContaining("the 2 created before it were expired again");
        assertThat(silencesOf(client, service)).hasSize(2).allSatisfy(s -> assertThat(s.isExpired()).isTrue());
    }

    @Test
    public void openEnforcesThePolicyAndARefusedDraftCreatesNothing() throws Exception {
        AlertmanagerClient client = client(ALERTMANAGER.baseUrl());
        SilenceWindow window = SilenceWindow.builder(client).log(log::add).build();
        String service = unique();
        // A caller that forgot to ask the policy: two hours, where the policy allows one.
        SilenceDraft twoHours = draft(service, "HighLatency").lasting(Duration.ofHours(2));

        assertThatThrownBy(() -> window.open(List.of(draft(service, "A"), twoHours), policy(), SilenceOrigin.of("me")))
                .isInstanceOf(AlertingException.class)
                .hasMessageContaining("2h is longer than the 1h allowed");

        assertThat(silencesOf(client, service)).as("not even the allowed draft").isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    public void aDeadFirstAlertmanagerFallsBackToTheNext() throws Exception {
        URI dead = URI.create("http://127.0.0.1:" + FreePort.find());
        AlertmanagerClient client = client(dead, ALERTMANAGER.baseUrl());
        SilenceWindow window = SilenceWindow.builder(client).log(log::add).build();

        List<ActiveSilence> silences = window.open(List.of(draft(unique(), "A", Duration.ofMinutes(5))), policy(),
                SilenceOrigin.of("me")).silences();

        assertThat(silences.get(0).endpoint()).isEqualTo(ALERTMANAGER.baseUrl());
        assertThat(window.close(silences).outcomes().get(0).expired()).isTrue();
    }

    @Test
    public void policyRefusalsNeverReachAlertmanager() throws Exception {
        AlertmanagerClient client = client(ALERTMANAGER.baseUrl());
        String service = unique();
        List<SilenceDraft> refused = List.of(
                new SilenceDraft(List.of(new Matcher("service", MatchType.EQUAL, service)), null, "critical ones too"),
                new SilenceDraft(List.of(new Matcher("alertname", MatchType.EQUAL, "X"), notCritical()), null, "no service"),
                new SilenceDraft(List.of(new Matcher("service", MatchType.EQUAL, service), notCritical()), Duration.ofHours(5), "too long"));
        SilencePolicy capped = SilencePolicy.builder().maxSilencesPerBuild(3).build();

        for (SilenceDraft draft : refused) {
            assertThatThrownBy(() -> policy().check(List.of(draft), 0)).isInstanceOf(AlertingException.class);
        }
        assertThatThrownBy(() -> capped.check(List.of(draft(service, "A"), draft(service, "B")), 2))
                .hasMessageContaining("more than the 3 allowed per build");

        assertThat(client.silences()).noneMatch(s -> s.describeMatchers().contains(service) || s.comment().equals("no service"));
    }

    @Test
    public void alertsFiringDuringTheWindowAreListedAsSuppressed() throws Exception {
        AlertmanagerClient client = client(ALERTMANAGER.baseUrl());
        SilenceWindow window = SilenceWindow.builder(client).log(log::add).build();
        String service = unique();
        List<ActiveSilence> silences = window.open(List.of(draft(service, "HighLatency", Duration.ofMinutes(5))), policy(),
                SilenceOrigin.of("me")).silences();
        Instant now = Instant.now();
        AlertmanagerAlerts.fire(ALERTMANAGER.baseUrl(), now, now.plus(Duration.ofMinutes(5)), List.of(
                Map.of("alertname", "HighLatency", "service", service, "severity", "warning", "instance", "web1"),
                Map.of("alertname", "Unrelated", "service", service, "severity", "warning")));
        awaitSilenced(client, service);

        List<SilenceOutcome> outcomes = window.close(silences).outcomes();

        assertThat(outcomes.get(0).expired()).isTrue();
        assertThat(outcomes.get(0).suppressedAlerts()).singleElement().asString()
                .contains("HighLatency").contains("web1").doesNotContain("Unrelated");
    }

    @Test
    public void expiryWhileAlertmanagerIsDownRetriesReportsAndTheSilenceKeepsItsEnd() throws Exception {
        AlertmanagerServer doomed = new AlertmanagerServer();
        doomed.start();
        try {
            AlertmanagerClient client = client(doomed.baseUrl());
            // A manual clock: the retries' backoff passes without waiting.
            ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            SilenceWindow window = SilenceWindow.builder(client).clock(clock).sleeper(clock.sleeper())
                    .log(log::add).build();
            List<ActiveSilence> silences = window.open(List.of(draft(unique(), "A", Duration.ofMinutes(20))), policy(),
                    SilenceOrigin.of("me")).silences();
            Instant endsAt = silences.get(0).endsAt();
            assertThat(client.get(silences.get(0).id()).orElseThrow().endsAt()).isCloseTo(endsAt, within1s());
            doomed.stop();
            Instant before = clock.instant();

            SilenceOutcome outcome = window.close(silences).outcomes().get(0);

            assertThat(outcome.expired()).isFalse();
            assertThat(outcome.problem()).contains(silences.get(0).endpoint().toString());
            assertThat(Duration.between(before, clock.instant())).as("backed off 1 + 2 + 4 + 8 s between 5 attempts")
                    .isEqualTo(Duration.ofSeconds(15));
            assertThat(log).filteredOn(l -> l.contains("retrying in")).hasSize(SilenceWindow.EXPIRY_ATTEMPTS - 1);
            assertThat(log).anySatisfy(l -> assertThat(l).contains("it ends on its own at " + endsAt));
            assertThat(SilenceRecords.closed(outcome).endsAt()).isEqualTo(endsAt);
        } finally {
            doomed.stop();
        }
    }

    @Test
    public void haExpiryGoesOnPastAnInstanceThatDoesNotKnowTheSilenceAndStartsWhereItWasCreated() throws Exception {
        // Two unclustered instances: only the one that created the silence knows it, as an HA peer that was down
        // when the silence was created (or has not synced it yet) does not.
        AlertmanagerServer unaware = new AlertmanagerServer();
        unaware.start();
        try {
            AlertmanagerClient creator = client(ALERTMANAGER.baseUrl());
            SilenceWindow opening = SilenceWindow.builder(creator).log(log::add).build();
            List<ActiveSilence> silences = opening.open(List.of(draft(unique(), "A"), draft(unique(), "B")), policy(),
                    SilenceOrigin.of("me")).silences();
            assertThat(silences).allSatisfy(s -> assertThat(s.endpoint()).isEqualTo(ALERTMANAGER.baseUrl()));
            assertThat(client(unaware.baseUrl()).get(silences.get(0).id())).as("the peer does not know it").isEmpty();

            // The cluster's list puts the unaware peer first. Without a recorded creator, it is asked first and
            // says "not found", which must not be final:
            AlertmanagerClient cluster = client(unaware.baseUrl(), ALERTMANAGER.baseUrl());
            Expiry viaList = cluster.expire(silences.get(0).id());
            assertThat(viaList.endpoint()).isEqualTo(ALERTMANAGER.baseUrl());
            assertThat(viaList.unaware()).containsExactly(unaware.baseUrl());
            assertThat(creator.get(silences.get(0).id()).orElseThrow().isExpired()).isTrue();

            // With the creator recorded, the window asks it first, and the unaware peer not at all.
            SilenceWindow closing = SilenceWindow.builder(cluster).log(log::add).build();
            SilenceOutcome outcome = closing.close(List.of(silences.get(1))).outcomes().get(0);
            assertThat(outcome.expired()).isTrue();
            assertThat(outcome.expiredAt()).isEqualTo(ALERTMANAGER.baseUrl());
            assertThat(outcome.unaware()).isEmpty();
            assertThat(creator.get(silences.get(1).id()).orElseThrow().isExpired()).isTrue();
        } finally {
            unaware.stop();
        }
    }

    @Test
    public void haExpiryAtAPeerThatDoesNotKnowItIsRetriedWhileTheCreatorIsDownAndNotFoundOnlyWhenNoneKnowsIt()
            throws Exception {
        AlertmanagerServer unaware = new AlertmanagerServer();
        AlertmanagerServer doomed = new AlertmanagerServer();
        unaware.start();
        doomed.start();
        try {
            ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            SilenceWindow opening = SilenceWindow.builder(client(doomed.baseUrl())).clock(clock).sleeper(clock.sleeper())
                    .log(log::add).build();
            ActiveSilence silence = opening.open(List.of(draft(unique(), "A")), policy(), SilenceOrigin.of("me"))
                    .silences().get(0);
            doomed.stop();
            AlertmanagerClient cluster = client(unaware.baseUrl(), silence.endpoint());

            AlertingException down = catchThrowableOfType(AlertingException.class,
                    () -> cluster.expire(silence.id(), silence.endpoint()));
            assertThat(down.isRetryable()).as("the creator may still know it").isTrue();
            assertThat(down.getMessage()).startsWith("Expiring the silence " + silence.id() + " failed at each of the 2"
                    + " Alertmanager instances, asked in this order (the one that created it first): (1) "
                    + silence.endpoint()).contains("(2) Alertmanager at " + unaware.baseUrl() + " does not know the silence");

            SilenceOutcome outcome = SilenceWindow.builder(cluster).clock(clock).sleeper(clock.sleeper())
                    .log(log::add).build().close(List.of(silence)).outcomes()
                    .get(0);
            assertThat(outcome.expired()).isFalse();
            assertThat(log).filteredOn(l -> l.contains("retrying in")).hasSize(SilenceWindow.EXPIRY_ATTEMPTS - 1);

            AlertmanagerClient nobody = client(unaware.baseUrl(), ALERTMANAGER.baseUrl());
            AlertingException unknown = catchThrowableOfType(AlertingException.class,
                    () -> nobody.expire(silence.id(), silence.endpoint()));
            assertThat(unknown.kind()).isEqualTo(AlertingException.Kind.NOT_FOUND);
            assertThat(unknown.isRetryable()).isFalse();
            assertThat(unknown.getMessage()).contains("none of the 2 Alertmanager instances knows it");
        } finally {
            doomed.stop();
            unaware.stop();
        }
    }

    private static SilencePolicy policy() {
        return SilencePolicy.defaults();
    }

    private static SilenceDraft draft(String service, String alertname) {
        return SilenceDraft.of(List.of(new Matcher("service", MatchType.EQUAL, service),
                new Matcher("alertname", MatchType.EQUAL, alertname), notCritical())).because("release of " + service);
    }

    private static SilenceDraft draft(String service, String alertname, Duration duration) {
        return draft(service, alertname).lasting(duration);
    }

    private static Matcher notCritical() {
        return new Matcher("severity", MatchType.NOT_EQUAL, "critical");
    }

    private static AlertmanagerClient client(URI... urls) {
        return new AlertmanagerClient(List.of(urls), HttpAuth.none(), TIMEOUT);
    }

    private static List<SilenceInfo> silencesOf(AlertmanagerClient client, String service) throws AlertingException {
        return client.silences().stream().filter(s -> s.describeMatchers().contains(service)).toList();
    }

    private static String unique() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static org.assertj.core.data.TemporalUnitOffset within1s() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.SECONDS);
    }

    /** Alertmanager marks posted alerts silenced asynchronously; wait for it, bounded. */
    private static void awaitSilenced(AlertmanagerClient client, String service) throws Exception {
        List<Matcher> filter = List.of(new Matcher("service", MatchType.EQUAL, service));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.alerts(filter, true, true, true).stream().noneMatch(a -> !a.silencedBy().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Alertmanager did not mark the alert silenced within 10 s");
            }
            Thread.sleep(50); // polling Alertmanager's state, bounded by the deadline
        }
    }
}
