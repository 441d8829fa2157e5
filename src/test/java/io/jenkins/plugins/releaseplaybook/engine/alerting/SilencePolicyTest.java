package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class SilencePolicyTest {
    private static final Matcher CHECKOUT = new Matcher("service", MatchType.EQUAL, "checkout");
    private static final Matcher NOT_CRITICAL = new Matcher("severity", MatchType.NOT_EQUAL, "critical");
    private static final Matcher LATENCY = new Matcher("alertname", MatchType.REGEX, "HighLatency|HighErrorRate");
    private final SilencePolicy policy = SilencePolicy.defaults();

    @Test
    public void aBoundedPinnedSilenceClearOfProtectedAlertsIsAccepted() throws Exception {
        List<Duration> durations = policy.check(List.of(
                new SilenceDraft(List.of(CHECKOUT, LATENCY, NOT_CRITICAL), Duration.ofMinutes(45), "checkout release"),
                new SilenceDraft(List.of(CHECKOUT, NOT_CRITICAL), null, "restarts")), 0);

        assertThat(durations).containsExactly(Duration.ofMinutes(45), Duration.ofMinutes(30));
    }

    @Test
    public void aSilenceThatCouldMatchAProtectedAlertIsRefusedNamingTheSet() throws Exception {
        assertThatThrownBy(() -> policy.check(List.of(draft(CHECKOUT, LATENCY)), 0))
                .isInstanceOf(AlertingException.class)
                .hasMessageContaining("could match alerts of the protected set {severity=\"critical\"}")
                .hasMessageContaining("severity!=\"critical\"");
    }

    @Test
    public void refusesTooLongUnpinnedUncommentedAndOverTheCap() throws Exception {
        SilencePolicy tight = new SilencePolicy(Duration.ofHours(1), Duration.ofMinutes(30), List.of("service", "env"),
                List.of(), 2);
        SilenceDraft tooLong = new SilenceDraft(List.of(CHECKOUT), Duration.ofHours(2), "x");
        SilenceDraft unpinned = new SilenceDraft(List.of(LATENCY), null, " ");

        AlertingException e = org.junit.Assert.assertThrows(AlertingException.class,
                () -> tight.check(List.of(tooLong, unpinned), 1));

        assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("this build would have 3 silences, more than the 2"));
        assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("2h is longer than the 1h allowed"));
        assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("must pin the label 'env'"));
        assertThat(e.reasons()).anySatisfy(r -> assertThat(r)
                .contains("silence {alertname=~\"HighLatency|HighErrorRate\"}: it must pin the label 'service'"));
        assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("give a comment"));
    }

    @Test
    public void aRegexOrEmptyValueDoesNotPinARequiredLabel() throws Exception {
        SilencePolicy pinService = new SilencePolicy(Duration.ofHours(1), Duration.ofMinutes(30), List.of("service"),
                List.of(), 5);
        assertThatThrownBy(() -> pinService.check(List.of(draft(new Matcher("service", MatchType.REGEX, "check.*"))), 0))
                .hasMessageContaining("must pin the label 'service'");
        assertThatThrownBy(() -> pinService.check(List.of(draft(new Matcher("service", MatchType.EQUAL, ""),
                new Matcher("alertname", MatchType.EQUAL, "X"))), 0))
                .hasMessageContaining("must pin the label 'service'");
    }

    @Test
    public void aSilenceMatchingEverythingIsRefused() throws Exception {
        SilencePolicy open = new SilencePolicy(Duration.ofHours(1), Duration.ofMinutes(30), List.of(), List.of(), 5);
        assertThatThrownBy(() -> open.check(List.of(draft(new Matcher("alertname", MatchType.REGEX, ".*"))), 0))
                .hasMessageContaining("also matches an empty label");
    }

    @Test
    public void overlapIsDecidedConservatively() throws Exception {
        List<Matcher> critical = List.of(new Matcher("severity", MatchType.EQUAL, "critical"));
        // Ruled out only by a contradiction on some label:
        assertThat(SilenceOverlap.couldOverlap(List.of(CHECKOUT, new Matcher("severity", MatchType.EQUAL, "warning")), critical)).isFalse();
        assertThat(SilenceOverlap.couldOverlap(List.of(CHECKOUT, NOT_CRITICAL), critical)).isFalse();
        assertThat(SilenceOverlap.couldOverlap(List.of(new Matcher("severity", MatchType.REGEX, "warning|info")), critical)).isFalse();
        assertThat(SilenceOverlap.couldOverlap(List.of(new Matcher("severity", MatchType.NOT_REGEX, "crit.*")), critical)).isFalse();
        // Anything else could overlap:
        assertThat(SilenceOverlap.couldOverlap(List.of(CHECKOUT), critical)).as("severity left open").isTrue();
        assertThat(SilenceOverlap.couldOverlap(List.of(new Matcher("severity", MatchType.REGEX, "crit.*|warning")), critical)).isTrue();
        assertThat(SilenceOverlap.couldOverlap(List.of(new Matcher("severity", MatchType.NOT_EQUAL, "warning")), critical)).isTrue();
        List<Matcher> regexProtected = List.of(new Matcher("alertname", MatchType.REGEX, "Fraud.*"));
        assertThat(SilenceOverlap.couldOverlap(List.of(new Matcher("alertname", MatchType.REGEX, "High.*")), regexProtected))
                .as("two regexes are never taken to rule each other out").isTrue();
        assertThat(SilenceOverlap.couldOverlap(List.of(new Matcher("alertname", MatchType.EQUAL, "HighLatency")), regexProtected))
                .isFalse();
        assertThat(SilenceOverlap.contradiction(List.of(new Matcher("alertname", MatchType.EQUAL, "HighLatency")), regexProtected))
                .hasValue("the silence pins alertname=\"HighLatency\" but the protected set requires alertname=~\"Fraud.*\"");
        // A protected set pinning a label the silence excludes:
        assertThat(SilenceOverlap.couldOverlap(List.of(new Matcher("team", MatchType.NOT_EQUAL, "payments")),
                List.of(new Matcher("team", MatchType.EQUAL, "payments")))).isFalse();
    }

    @Test
    public void invalidPoliciesAreRefused() throws Exception {
        assertThatThrownBy(() -> new SilencePolicy(Duration.ofMinutes(10), Duration.ofMinutes(30), List.of(), List.of(), 1))
                .hasMessageContaining("default silence duration (30m) must be positive and at most the maximum (10m)");
        assertThatThrownBy(() -> new SilencePolicy(Duration.ofMinutes(10), Duration.ofMinutes(5), List.of(), List.of(), 0))
                .hasMessageContaining("cap on silences per build");
        assertThatThrownBy(() -> new SilencePolicy(Duration.ofMinutes(10), Duration.ofMinutes(5), List.of("service-name"), List.of(), 1))
                .hasMessageContaining("Required label 'service-name' is not a label name");
    }

    private static SilenceDraft draft(Matcher... matchers) {
        return new SilenceDraft(List.of(matchers), null, "release");
    }
}
