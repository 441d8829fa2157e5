package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;

/**
 * The entry point as someone outside the plugin uses it: named factories and builders, one list of drafts, and
 * results whose {@code summary()} says what happened and why.
 */
public class SilenceWindowSummaryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00.250Z");
    private static final URI AM2 = URI.create("http://am2:9093");
    private static final String AM1_DOWN = "http://am1:9093/api/v2/silences is unreachable: connection refused";

    private final ManualClock clock = new ManualClock(T0);
    private final Port port = new Port();
    private final SilenceWindow window = SilenceWindow.builder(port).clock(clock).sleeper(clock.sleeper()).build();

    @Test
    public void theOpenSummarySaysHowManyUntilWhenWhereAndWhyAnInstanceWasPassedOver() throws Exception {
        port.passedOver = List.of(AM1_DOWN);
        List<SilenceDraft> drafts = List.of(
                SilenceDraft.parse("service=\"checkout\"", "alertname=\"HighLatency\"", "severity!=\"critical\"")
                        .because("release 1.4.2"),
                SilenceDraft.parse("service=\"checkout\"", "alertname=\"HighErrorRate\"", "severity!=\"critical\"")
                        .lasting(Duration.ofMinutes(45)).because("release 1.4.2"));

        OpenedSilences opened = window.open(drafts, SilencePolicy.defaults(), SilenceOrigin.of("release-bot"));

        assertThat(opened.silences()).extracting(ActiveSilence::endsAt)
                .containsExactly(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(45)));
        assertThat(opened.summary()).isEqualTo("2 silences active until 2026-12-01T12:45:00Z at http://am2:9093 ("
                + AM1_DOWN + ")");
        assertThat(opened.summary(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("2 个静默生效至 2026-12-01T12:45:00Z，位于 http://am2:9093（" + AM1_DOWN + "）");
    }

    @Test
    public void aSingleSilenceWithEveryInstanceUpIsSaidPlainly() throws Exception {
        OpenedSilences opened = window.open(
                List.of(SilenceDraft.parse("service=\"checkout\"", "severity!=\"critical\"").because("x")),
                SilencePolicy.defaults(), SilenceOrigin.of("release-bot"));

        assertThat(opened.summary()).isEqualTo("1 silence active until 2026-12-01T12:30:00Z at http://am2:9093");
        assertThat(new OpenedSilences(List.of(), List.of()).summary()).isEqualTo("no silences created");
    }

    @Test
    public void aRefusalSaysWhyInItsMessageAndReachesNoAlertmanager() throws Exception {
        SilenceDraft twoHours = SilenceDraft.parse("service=\"checkout\"", "severity!=\"critical\"")
                .lasting(Duration.ofHours(2)).because("release");

        AlertingException e = catchThrowableOfType(AlertingException.class,
                () -> window.open(List.of(twoHours), SilencePolicy.defaults(), SilenceOrigin.of("release-bot")));

        assertThat(e.kind()).isEqualTo(AlertingException.Kind.POLICY_REFUSED);
        assertThat(e.getMessage()).isEqualTo("Silence refused by the Release Playbook policy: silence"
                + " {service=\"checkout\", severity!=\"critical\"}: 2h is longer than the 1h allowed; silence for at"
                + " most 1h and extend it in a later step if you must");
        assertThat(port.created).isEmpty();
    }

    @Test
    public void theOriginCountsWhatItCreatedBeforeAgainstTheCap() throws Exception {
        SilencePolicy capTwo = SilencePolicy.builder().maxSilencesPerBuild(2).build();
        SilenceDraft draft = SilenceDraft.parse("service=\"checkout\"", "severity!=\"critical\"").because("x");

        AlertingException e = catchThrowableOfType(AlertingException.class,
                () -> window.open(List.of(draft), capTwo, SilenceOrigin.of("me").afterCreating(2)));

        assertThat(e.reasons()).singleElement().asString().contains("3").contains("2");
        assertThat(window.open(List.of(draft), capTwo, SilenceOrigin.of("me").afterCreating(1)).silences()).hasSize(1);
    }

    @Test
    public void theCloseSummarySaysWhereTheyWereExpiredAndWhatFiredMeanwhile() throws Exception {
        OpenedSilences opened = window.open(List.of(
                SilenceDraft.parse("service=\"checkout\"").because("x"),
                SilenceDraft.parse("service=\"checkout\"", "env=\"prod\"").because("x")),
                SilencePolicy.builder().protectedSets(List.of()).build(), SilenceOrigin.of("me"));
        port.firing.add(new AlertInfo(Map.of("alertname", "HighLatency", "service", "checkout"), T0, T0.plusSeconds(60),
                AlertInfo.State.SUPPRESSED, List.of("id-1"), "f1"));

        ClosedSilences closed = window.close(opened.silences());

        assertThat(closed.allExpired()).isTrue();
        assertThat(closed.summary()).isEqualTo("2 silences expired at http://am2:9093; 1 alert fired while silenced:"
                + " HighLatency{service=\"checkout\"}");
    }

    @Test
    public void theCloseSummarySaysWhichSilenceCouldNotBeExpiredAndWhenItEnds() throws Exception {
        OpenedSilences opened = window.open(List.of(SilenceDraft.parse("service=\"checkout\"").because("x")),
                SilencePolicy.builder().protectedSets(List.of()).build(), SilenceOrigin.of("me"));
        port.expiryFailure = AlertingException.alertmanager(AlertingException.Kind.ACCESS_DENIED, 403, List.of(),
                "Expiring the silence id-1 failed: HTTP 403");

        ClosedSilences closed = window.close(opened.silences());

        assertThat(closed.allExpired()).isFalse();
        assertThat(closed.notExpired()).hasSize(1);
        assertThat(closed.summary()).isEqualTo("silence id-1 could not be expired (Expiring the silence id-1 failed: HTTP 403) and ends on its own at 2026-12-01T12:30:00Z");
    }

    @Test
    public void thePolicyBuilderStartsFromTheDefaultsAndParsesProtectedSets() throws Exception {
        assertThat(SilencePolicy.builder().build()).isEqualTo(SilencePolicy.defaults());
        SilencePolicy policy = SilencePolicy.builder().maxDuration(Duration.ofHours(2)).requiredLabels("service", "env")
                .protecting("{severity=\"critical\"}", "team=\"payments\", alertname=~\"Fraud.*\"").build();
        assertThat(policy.maxDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.requiredLabels()).containsExactly("service", "env");
        assertThat(policy.protectedSets()).extracting(ProtectedSet::toString)
                .containsExactly("{severity=\"critical\"}", "{team=\"payments\", alertname=~\"Fraud.*\"}");
        assertThat(policy.toBuilder().build()).isEqualTo(policy);

        AlertingException bad = catchThrowableOfType(AlertingException.class,
                () -> SilencePolicy.builder().protecting("{severity=~\"(\"}"));
        assertThat(bad.kind()).isEqualTo(AlertingException.Kind.MATCHER_SYNTAX);
        InvalidInputException unusable = catchThrowableOfType(InvalidInputException.class,
                () -> SilencePolicy.builder().defaultDuration(Duration.ofHours(3)).build());
        assertThat(unusable).hasMessageContaining("3h");
    }

    @Test
    public void aDraftNamesItsPartsAndARequestIsBuiltByName() throws Exception {
        SilenceDraft draft = SilenceDraft.parse("service=\"checkout\"").lasting(Duration.ofMinutes(5)).because("why");
        assertThat(draft).isEqualTo(new SilenceDraft(List.of(new Matcher("service", MatchType.EQUAL, "checkout")),
                Duration.ofMinutes(5), "why"));
        assertThat(SilenceDraft.parse("service=\"checkout\"").duration()).as("the policy's default").isNull();
        assertThat(catchThrowableOfType(AlertingException.class, () -> SilenceDraft.parse("service", "a=\"")).problems())
                .extracting(AlertingException::index).containsExactly(0, 1);

        SilenceRequest request = SilenceRequest.builder(draft.matchers()).startsAt(T0).endsAt(T0.plusSeconds(60))
                .createdBy("me").comment("why").build();
        assertThat(request).isEqualTo(new SilenceRequest(draft.matchers(), T0, T0.plusSeconds(60), "me", "why", null));
        assertThat(SilenceRequest.builder(draft.matchers()).startsAt(T0).endsAt(T0.plusSeconds(60)).createdBy("me")
                .updating("abc").build().id()).isEqualTo("abc");
    }

    /** Accepts every silence at am2 (am1 passed over as told), expires where it was created. */
    private static final class Port implements AlertmanagerPort {
        final List<SilenceRequest> created = new ArrayList<>();
        final List<AlertInfo> firing = new ArrayList<>();
        List<String> passedOver = List.of();
        AlertingException expiryFailure;

        @Override
        public CreatedSilence create(SilenceRequest request) {
            created.add(request);
            return new CreatedSilence("id-" + created.size(), AM2, passedOver);
        }

        @Override
        public Expiry expire(String id, URI createdAt) throws AlertingException {
            if (expiryFailure != null) {
                throw expiryFailure;
            }
            return Expiry.at(createdAt);
        }

        @Override
        public List<AlertInfo> alerts(List<Matcher> filter, boolean silenced, boolean inhibited, boolean active) {
            return List.copyOf(firing);
        }
    }
}
