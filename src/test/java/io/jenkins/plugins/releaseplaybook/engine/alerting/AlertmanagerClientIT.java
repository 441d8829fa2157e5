package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerAlerts;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestName;

/**
 * {@link AlertmanagerClient} against a real Alertmanager (the Debian package's 0.25.0). Each test
 * silences its own {@code service} label value, so the tests share one server without seeing each
 * other's silences and alerts.
 */
public class AlertmanagerClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** How long to wait at most for Alertmanager to list posted alerts as wanted. */
    private static final Duration ALERT_DEADLINE = Duration.ofSeconds(5);

    @ClassRule
    public static final AlertmanagerServer ALERTMANAGER = new AlertmanagerServer();

    @Rule
    public final TestName testName = new TestName();

    private AlertmanagerClient client() {
        return new AlertmanagerClient(List.of(ALERTMANAGER.baseUrl()), HttpAuth.none(), TIMEOUT);
    }

    /** A label value of this test's own. */
    private String service() {
        return "checkout-" + testName.getMethodName();
    }

    private SilenceRequest silence(Instant now, Duration length, String comment) {
        return SilenceRequest.builder(List.of(new Matcher("service", MatchType.EQUAL, service())))
                .startsAt(now).endsAt(now.plus(length)).createdBy("release-playbook IT").comment(comment).build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    public void createdSilenceIsActiveUntilExpiredAndExpiringTwiceIsFine() throws Exception {
        AlertmanagerClient client = client();
        Instant now = now();
        SilenceRequest request = SilenceRequest.builder(List.of(
                        new Matcher("service", MatchType.EQUAL, service()),
                        new Matcher("alertname", MatchType.REGEX, "HighLatency|HighErrorRate"),
                        new Matcher("env", MatchType.NOT_EQUAL, "dev"),
                        new Matcher("team", MatchType.NOT_REGEX, "db-.*")))
                        .startsAt(now).endsAt(now.plus(Duration.ofMinutes(30)))
                        .createdBy("release-playbook IT").comment("release 1.2 \"blue\"").build();

        CreatedSilence created = client.create(request);

        assertThat(created.id()).matches(UUID_TEXT);
        assertThat(created.endpoint()).isEqualTo(ALERTMANAGER.baseUrl());
        SilenceInfo silence = client.get(created.id()).orElseThrow();
        assertThat(silence.id()).isEqualTo(created.id());
        assertThat(silence.state()).isEqualTo(SilenceInfo.State.ACTIVE);
        assertThat(silence.matchers()).containsExactlyInAnyOrderElementsOf(request.matchers());
        assertThat(silence.endsAt()).isEqualTo(request.endsAt());
        // A start in the past (by the time it arrives) is moved to the time Alertmanager created the silence.
        assertThat(silence.startsAt()).isBetween(now, Instant.now());
        assertThat(silence.createdBy()).isEqualTo("release-playbook IT");
        assertThat(silence.comment()).isEqualTo("release 1.2 \"blue\"");
        assertThat(client.silences()).filteredOn(s -> s.id().equals(created.id()))
                .singleElement().extracting(SilenceInfo::state).isEqualTo(SilenceInfo.State.ACTIVE);

        client.expire(created.id());

        SilenceInfo expired = client.get(created.id()).orElseThrow();
        assertThat(expired.state()).isEqualTo(SilenceInfo.State.EXPIRED);
        assertThat(expired.endsAt()).isBefore(request.endsAt());
        assertThat(client.silences()).filteredOn(s -> s.id().equals(created.id()))
                .singleElement().extracting(SilenceInfo::state).isEqualTo(SilenceInfo.State.EXPIRED);
        // Alertmanager 0.25 answers 200 again for an expired silence.
        client.expire(created.id());
        assertThat(client.get(created.id()).orElseThrow().state()).isEqualTo(SilenceInfo.State.EXPIRED);
    }

    @Test
    public void pendingSilenceIsReportedAsPending() throws Exception {
        AlertmanagerClient client = client();
        Instant later = now().plus(Duration.ofHours(1));

        CreatedSilence created = client.create(silence(later, Duration.ofMinutes(10), "later"));

        SilenceInfo silence = client.get(created.id()).orElseThrow();
        assertThat(silence.state()).isEqualTo(SilenceInfo.State.PENDING);
        assertThat(silence.startsAt()).isEqualTo(later);
        client.expire(created.id());
    }

    @Test
    public void updateThatKeepsMatchersAndStartKeepsTheId() throws Exception {
        AlertmanagerClient client = client();
        CreatedSilence created = client.create(silence(now(), Duration.ofMinutes(10), "first"));
        SilenceInfo before = client.get(created.id()).orElseThrow();
        Instant longer = before.endsAt().plus(Duration.ofMinutes(20));

        // The start Alertmanager reported, the same matchers, a later end and another comment.
        CreatedSilence updated = client.create(new SilenceRequest(before.matchers(), before.startsAt(), longer,
                before.createdBy(), "extended", created.id()));

        // Alertmanager 0.25 updates an active silence in place when matchers and start are unchanged.
        assertThat(updated.id()).isEqualTo(created.id());
        SilenceInfo after = client.get(updated.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(SilenceInfo.State.ACTIVE);
        assertThat(after.endsAt()).isEqualTo(longer);
        assertThat(after.comment()).isEqualTo("extended");
        assertThat(ours(client.silences())).extracting(SilenceInfo::id).containsExactly(created.id());
        client.expire(updated.id());
    }

    @Test
    public void updateThatChangesTheMatchersGetsANewIdAndTheOldOneExpires() throws Exception {
        AlertmanagerClient client = client();
        Instant now = now();
        CreatedSilence created = client.create(silence(now, Duration.ofMinutes(10), "first"));
        List<Matcher> other = List.of(new Matcher("service", MatchType.EQUAL, service()),
                new Matcher("instance", MatchType.EQUAL, "web1"));

        CreatedSilence updated = client.create(new SilenceRequest(other, now, now.plus(Duration.ofMinutes(10)),
                "release-playbook IT", "narrowed", created.id()));

        // Alertmanager keeps the history: the old silence expires, the change is a new silence.
        assertThat(updated.id()).matches(UUID_TEXT).isNotEqualTo(created.id());
        assertThat(client.get(created.id()).orElseThrow().state()).isEqualTo(SilenceInfo.State.EXPIRED);
        SilenceInfo replacement = client.get(updated.id()).orElseThrow();
        assertThat(replacement.state()).isEqualTo(SilenceInfo.State.ACTIVE);
        assertThat(replacement.matchers()).containsExactlyInAnyOrderElementsOf(other);
        assertThat(replacement.comment()).isEqualTo("narrowed");
        client.expire(updated.id());
    }

    @Test
    public void deadFirstInstanceIsSkippedForTheLiveOne() throws Exception {
        URI dead = FreePort.closedUrl();
        AlertmanagerClient client = new AlertmanagerClient(List.of(dead, ALERTMANAGER.baseUrl()), HttpAuth.none(), TIMEOUT);

        CreatedSilence created = client.create(silence(now(), Duration.ofMinutes(10), "via the second instance"));

        assertThat(created.endpoint()).isEqualTo(ALERTMANAGER.baseUrl());
        assertThat(client.get(created.id())).map(SilenceInfo::comment).contains("via the second instance");
        client.expire(created.id());
        assertThat(client.get(created.id()).orElseThrow().isExpired()).isTrue();
    }

    @Test
    public void invalidSilenceIsRefusedWithAlertmanagersOwnReason() throws Exception {
        AlertmanagerClient client = client();
        Instant now = now();
        SilenceRequest backwards = SilenceRequest.builder(List.of(new Matcher("service", MatchType.EQUAL, service())))
                .startsAt(now.plus(Duration.ofMinutes(10))).endsAt(now)
                .createdBy("release-playbook IT").comment("ends before it starts").build();

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client.create(backwards));

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Creating the silence {service=\"" + service() + "\"} was refused by"
                + " Alertmanager at " + ALERTMANAGER.baseUrl() + " (HTTP 400): Failed to create silence: start time"
                + " must be before end time");
        assertThat(ours(client.silences())).isEmpty();

        SilenceRequest matchesEverything = SilenceRequest.builder(List.of(new Matcher("service", MatchType.REGEX, ".*")))
                .startsAt(now).endsAt(now.plus(Duration.ofMinutes(10)))
                .createdBy("release-playbook IT").comment("too wide").build();
        e = catchThrowableOfType(AlertingException.class, () -> client.create(matchesEverything));
        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).endsWith("(HTTP 400): silence invalid: at least one matcher must not match the empty"
                + " string");
    }

    @Test
    public void unknownSilenceIsEmptyToGetAndNotFoundToExpire() throws Exception {
        AlertmanagerClient client = client();
        String unknown = UUID.randomUUID().toString();

        assertThat(client.get(unknown)).isEmpty();
        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client.expire(unknown));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.isRetryable()).isFalse();
        // Alertmanager 0.25 answers 500 "silence not found"; later versions 404.
        assertThat(e.getMessage()).isEqualTo("Expiring the silence " + unknown + " failed: Alertmanager at "
                + ALERTMANAGER.baseUrl() + " does not know the silence " + unknown + " (HTTP 500: silence not found); it"
                + " may have been dropped after the retention period, or belong to another Alertmanager cluster");
        AlertingException update = catchThrowableOfType(AlertingException.class, () -> client.create(
                silence(now(), Duration.ofMinutes(5), "update of nothing").withId(unknown)));
        assertThat(update.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    public void silencedAlertsAreListedWithTheSilenceThatSilencesThem() throws Exception {
        AlertmanagerClient client = client();
        Instant now = now();
        CreatedSilence created = client.create(silence(now, Duration.ofMinutes(10), "release"));
        AlertmanagerAlerts.fire(ALERTMANAGER.baseUrl(), now, now.plus(Duration.ofMinutes(10)), List.of(
                Map.of("alertname", "HighLatency", "service", service(), "instance", "web1"),
                Map.of("alertname", "HighErrorRate", "service", service(), "instance", "web2"),
                Map.of("alertname", "HighLatency", "service", service() + "-other", "instance", "web3")));
        List<Matcher> filter = List.of(new Matcher("service", MatchType.EQUAL, service()));

        List<AlertInfo> silenced = awaitAlerts(client, filter, true,
                alerts -> alerts.size() == 2 && alerts.stream().allMatch(a -> a.isSilencedBy(created.id())));

        assertThat(silenced).extracting(AlertInfo::describe).containsExactlyInAnyOrder(
                "HighLatency{instance=\"web1\", service=\"" + service() + "\"}",
                "HighErrorRate{instance=\"web2\", service=\"" + service() + "\"}");
        assertThat(silenced).allSatisfy(alert -> {
            assertThat(alert.state()).isEqualTo(AlertInfo.State.SUPPRESSED);
            assertThat(alert.silencedBy()).containsExactly(created.id());
            assertThat(alert.fingerprint()).isNotBlank();
            assertThat(alert.startsAt()).isEqualTo(now);
        });
        // silenced=false leaves the silenced alerts out.
        assertThat(client.alerts(filter, false, true, true)).isEmpty();

        client.expire(created.id());

        List<AlertInfo> firing = awaitAlerts(client, filter, false,
                alerts -> alerts.size() == 2 && alerts.stream().allMatch(a -> a.silencedBy().isEmpty()));
        assertThat(firing).extracting(AlertInfo::state).containsOnly(AlertInfo.State.ACTIVE);
    }

    @Test
    public void stoppedAlertmanagerIsUnreachableAndRetryable() throws Exception {
        AlertmanagerServer stopped = new AlertmanagerServer();
        stopped.start();
        URI base = stopped.baseUrl();
        AlertmanagerClient client = new AlertmanagerClient(List.of(base), HttpAuth.none(), TIMEOUT);
        assertThat(client.silences()).isEmpty();
        stopped.stop();

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client.create(silence(now(), Duration.ofMinutes(5), "x")));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.urls()).containsExactly(URI.create(base + "/api/v2/silences"));
        assertThat(e.getMessage()).isEqualTo("Creating the silence {service=\"" + service() + "\"} failed: " + base
                + "/api/v2/silences is unreachable: connection refused; check that the server is running and that the"
                + " host and port are right");
    }

    /** The silences of this test (by their service matcher). */
    private List<SilenceInfo> ours(List<SilenceInfo> silences) {
        return silences.stream()
                .filter(s -> s.matchers().stream().anyMatch(m -> m.value().equals(service())))
                .toList();
    }

    /**
     * Lists the alerts until {@code done} accepts the list, for at most {@link #ALERT_DEADLINE}. Alertmanager
     * 0.25 stores a posted alert before answering the POST and works out its silences when the alerts are
     * listed, so the first listing is normally the one; but the API does not promise that (an alert's status
     * is Alertmanager's bookkeeping, updated as it processes alerts), so the test polls with a deadline instead
     * of asserting on a single listing.
     */
    private static List<AlertInfo> awaitAlerts(AlertmanagerClient client, List<Matcher> filter, boolean silenced,
            Predicate<List<AlertInfo>> done) throws Exception {
        long deadline = System.nanoTime() + ALERT_DEADLINE.toNanos();
        List<AlertInfo> alerts = client.alerts(filter, silenced, true, true);
        while (!done.test(alerts)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Alertmanager did not list the alerts as expected within "
                        + ALERT_DEADLINE.toSeconds() + " s; last listing: " + alerts);
            }
            Thread.sleep(20); // pause between polls, not a wait for a fixed time
            alerts = client.alerts(filter, silenced, true, true);
        }
        return alerts;
    }
}
