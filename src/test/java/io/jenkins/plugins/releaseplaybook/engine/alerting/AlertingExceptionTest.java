package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

/**
 * The package's one exception: what each refusal and failure of the package is, what it carries for its caller, and
 * that it is checked (a caller cannot forget Alertmanager being down, nor take a bad matcher for a bug).
 */
public class AlertingExceptionTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final URI AM = URI.create("http://am1:9093");

    @Test
    public void itIsCheckedAndLocalizable() {
        assertThat(RuntimeException.class.isAssignableFrom(AlertingException.class))
                .as("not an IllegalArgumentException, as the matcher and policy exceptions were").isFalse();
        assertThat(Exception.class.isAssignableFrom(AlertingException.class)).isTrue();
        assertThat(Localizable.class.isAssignableFrom(AlertingException.class)).isTrue();
    }

    @Test
    public void aBadMatcherIsMatcherSyntaxWithWhereAndWhy() {
        AlertingException e = catchThrowableOfType(AlertingException.class,
                () -> MatcherParser.parse("service=~\"(\""));

        assertThat(e.kind()).isEqualTo(Kind.MATCHER_SYNTAX);
        assertThat(e.input()).isEqualTo("service=~\"(\"");
        assertThat(e.index()).isEqualTo(-1);
        assertThat(e.reason()).contains("a group is not closed");
        assertThat(e.getMessage()).contains("service=~\"(\"");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.attempts()).isEmpty();

        AlertingException position = catchThrowableOfType(AlertingException.class,
                () -> MatcherParser.parse("service:checkout"));
        assertThat(position.position()).isEqualTo(7);
    }

    @Test
    public void aBadEntryOfAListNamesItsIndexAndAMatcherSetWithoutBracesIsMatcherSyntaxToo() {
        AlertingException list = catchThrowableOfType(AlertingException.class,
                () -> MatcherParser.parseAll(List.of("a=\"1\"", "b")));
        assertThat(list.kind()).isEqualTo(Kind.MATCHER_SYNTAX);
        assertThat(list.problems()).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.input()).isEqualTo("b");
        });

        // an InvalidInputException (an IllegalArgumentException) before
        AlertingException set = catchThrowableOfType(AlertingException.class,
                () -> MatcherSets.parse("{severity=\"critical\""));
        assertThat(set.kind()).isEqualTo(Kind.MATCHER_SYNTAX);
        assertThat(set.getMessage()).contains("unbalanced braces");
    }

    @Test
    public void aPolicyRefusalListsEveryReasonInEachLanguage() {
        SilenceDraft twoHours = SilenceDraft.of(List.of(new Matcher("alertname", MatchType.EQUAL, "HighLatency")))
                .lasting(Duration.ofHours(2)).because("release");

        AlertingException e = catchThrowableOfType(AlertingException.class,
                () -> SilencePolicy.defaults().check(List.of(twoHours), 0));

        assertThat(e.kind()).isEqualTo(Kind.POLICY_REFUSED);
        assertThat(e.reasons()).hasSize(3).anySatisfy(r -> assertThat(r).contains("2h is longer than the 1h allowed"))
                .anySatisfy(r -> assertThat(r).contains("must pin the label 'service'"));
        assertThat(e.reasons(ZH)).hasSize(3);
        assertThat(e.getMessage()).startsWith("Silence refused by the Release Playbook policy:");
        assertThat(e.message(ZH)).doesNotStartWith("Silence refused");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    public void creationThatFailsPartWayCarriesItsCauseAndTheSilencesLeftBehind() throws Exception {
        AlertingException down = AlertingException.alertmanager(Kind.UNREACHABLE, -1,
                List.of(new AlertingException.Attempt(URI.create("http://am1:9093/api/v2/silences"), Kind.UNREACHABLE,
                        -1, "connection refused")), "Creating the silence failed: connection refused");
        AlertingException expiryDown = AlertingException.alertmanager(Kind.UNREACHABLE, -1, List.of(), "down");
        AlertmanagerPort secondFails = new AlertmanagerPort() {
            private int creates;

            @Override
            public CreatedSilence create(SilenceRequest request) throws AlertingException {
                if (++creates == 2) {
                    throw down;
                }
                return new CreatedSilence("id-" + creates, AM);
            }

            @Override
            public Expiry expire(String id, URI createdAt) throws AlertingException {
                throw expiryDown;
            }

            @Override
            public List<AlertInfo> alerts(List<Matcher> filter, boolean silenced, boolean inhibited, boolean active) {
                return List.of();
            }
        };
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
        SilenceWindow window = SilenceWindow.builder(secondFails).clock(clock).sleeper(clock.sleeper()).build();
        List<SilenceDraft> drafts = List.of(SilenceDraft.parse("service=\"a\"", "severity!=\"critical\"").because("x"),
                SilenceDraft.parse("service=\"b\"", "severity!=\"critical\"").because("x"));

        AlertingException e = catchThrowableOfType(AlertingException.class,
                () -> window.open(drafts, SilencePolicy.defaults(), SilenceOrigin.of("me")));

        assertThat(e.kind()).isEqualTo(Kind.CREATION_INCOMPLETE);
        assertThat(e.getCause()).isSameAs(down);
        assertThat(e.isRetryable()).as("as its cause").isTrue();
        assertThat(e.leftBehind()).singleElement().satisfies(o -> assertThat(o.silence().id()).isEqualTo("id-1"));
        assertThat(e.getMessage()).startsWith("Could not create silence 2 of 2")
                .contains("1 created before it could not be expired");
        assertThat(e.message(ZH)).startsWith("无法创建第 2 个");
    }

    @Test
    public void anAlertmanagerThatCannotBeReachedIsUnreachableWithTheUrlTried() {
        URI closed = FreePort.closedUrl();
        AlertmanagerClient client = new AlertmanagerClient(List.of(closed), HttpAuth.none(), Duration.ofSeconds(2));

        AlertingException e = catchThrowableOfType(AlertingException.class, client::silences);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.kind().isAlertmanagerCall()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(-1);
        assertThat(e.urls()).singleElement().asString().startsWith(closed.toString());
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.reasons()).isEmpty();
        assertThat(e.leftBehind()).isEmpty();
    }

    @Test
    public void anAlertmanagerFailureIsOnlyMadeWithTheKindsOfACall() {
        assertThatThrownBy(() -> AlertingException.alertmanager(Kind.POLICY_REFUSED, -1, List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AlertingException.alertmanager(Kind.HTTP_ERROR, 503, List.of(), "x").isRetryable()).isTrue();
        assertThat(AlertingException.alertmanager(Kind.HTTP_ERROR, 405, List.of(), "x").isRetryable()).isFalse();
    }

    @Test
    public void aSerializedExceptionKeepsItsKindMessageReasonsAndPosition() throws Exception {
        AlertingException syntax = catchThrowableOfType(AlertingException.class,
                () -> MatcherParser.parse("service:checkout"));
        AlertingException policy = catchThrowableOfType(AlertingException.class,
                () -> SilencePolicy.defaults().check(List.of(SilenceDraft.parse("a=\"b\"")), 0));

        AlertingException syntaxCopy = roundTrip(syntax);
        AlertingException policyCopy = roundTrip(policy);

        assertThat(syntaxCopy.kind()).isEqualTo(Kind.MATCHER_SYNTAX);
        assertThat(syntaxCopy.position()).isEqualTo(7);
        assertThat(syntaxCopy.message(ZH)).isEqualTo(syntax.message(ZH));
        assertThat(policyCopy.kind()).isEqualTo(Kind.POLICY_REFUSED);
        assertThat(policyCopy.reasons()).isEqualTo(policy.reasons());
    }

    private static AlertingException roundTrip(AlertingException e) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (AlertingException) in.readObject();
        }
    }
}
