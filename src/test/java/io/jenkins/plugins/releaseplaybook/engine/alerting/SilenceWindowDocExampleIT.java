package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The examples of docs/engine.md, section "Running a silence window", as they are written there, against a real
 * Alertmanager ({@code am2}) behind an instance that is down ({@code am1}). {@link SilenceWindowDocExampleTest} checks
 * that each block of the section is in this file, line for line.
 */
public class SilenceWindowDocExampleIT {
    @ClassRule
    public static final AlertmanagerServer ALERTMANAGER = new AlertmanagerServer();

    private final URI am1 = FreePort.closedUrl();
    private final URI am2 = ALERTMANAGER.baseUrl();

    @Test
    public void opensAndClosesASilenceWindowFromPlainJava() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        OpenedSilences opened;
        ClosedSilences closed;
        try {
            // --- docs/engine.md: open and close
            AlertmanagerClient client = new AlertmanagerClient(List.of(am1, am2), HttpAuth.none(), Duration.ofSeconds(5));
            SilencePolicy policy = SilencePolicy.builder()          // starts from SilencePolicy.defaults()
                    .maxDuration(Duration.ofHours(1))
                    .requiredLabels("service")
                    .protecting("{severity=\"critical\"}")
                    .build();
            SilenceWindow window = SilenceWindow.builder(client).log(System.out::println).build();

            opened = window.open(List.of(
                    SilenceDraft.parse("service=\"checkout\"", "alertname=~\"HighLatency|HighErrorRate\"",
                                    "severity!=\"critical\"")
                            .lasting(Duration.ofMinutes(45))
                            .because("checkout release 1.4.2")),
                    policy, SilenceOrigin.of("release-bot").linking("https://ci.example.com/job/checkout/42/"));
            System.out.println(opened.summary());
            try {
                deploy();
            } finally {
                closed = window.close(opened.silences());
            }
            System.out.println(closed.summary());
            // ---
        } finally {
            System.setOut(stdout);
        }

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(opened.summary()).startsWith("1 silence active until ")
                .contains(" at " + am2 + " (" + am1 + "/api/v2/silences is unreachable: connection refused");
        assertThat(closed.summary()).isEqualTo("1 silence expired at " + am2);
        assertThat(closed.allExpired()).isTrue();
        assertThat(out).contains(opened.summary()).contains(closed.summary())
                .contains("silenced {service=\"checkout\"");
        SilenceInfo stored = new AlertmanagerClient(List.of(am2), HttpAuth.none(), Duration.ofSeconds(5))
                .get(opened.silences().get(0).id()).orElseThrow();
        assertThat(stored.isExpired()).isTrue();
        assertThat(stored.comment()).isEqualTo("checkout release 1.4.2 (https://ci.example.com/job/checkout/42/)");
    }

    @Test
    public void tellsTheKindsOfFailureApart() throws Exception {
        AlertmanagerClient client = new AlertmanagerClient(List.of(am1, am2), HttpAuth.none(), Duration.ofSeconds(5));
        SilencePolicy policy = SilencePolicy.defaults();
        SilenceWindow window = SilenceWindow.builder(client).build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // --- docs/engine.md: kinds
            try {
                window.open(List.of(SilenceDraft.parse("service=\"checkout\"").lasting(Duration.ofHours(2))
                        .because("hotfix")), policy, SilenceOrigin.of("release-bot"));
            } catch (AlertingException e) {
                switch (e.kind()) {
                    case MATCHER_SYNTAX, POLICY_REFUSED -> System.err.println("fix the request: " + e.getMessage());
                    case CREATION_INCOMPLETE -> System.err.println(e.getMessage() + "; left: " + e.leftBehind());
                    default -> System.err.println(e.getMessage() + (e.isRetryable() ? " (try again later)" : ""));
                }
            }
            // ---
        } finally {
            System.setErr(stderr);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("fix the request: Silence refused by the Release Playbook policy: ")
                .contains("2h is longer than the 1h allowed")
                .contains("could match alerts of the protected set {severity=\"critical\"}");
        assertThat(client.silences()).as("a refusal reaches no Alertmanager").noneMatch(SilenceInfo::isActive);
    }

    /** The release, while the silences are active: here it checks that Alertmanager has them. */
    private void deploy() throws AlertingException {
        List<SilenceInfo> active = new AlertmanagerClient(List.of(am2), HttpAuth.none(), Duration.ofSeconds(5))
                .silences().stream().filter(SilenceInfo::isActive).toList();
        assertThat(active).singleElement().satisfies(s -> assertThat(s.createdBy()).isEqualTo("release-bot"));
    }
}
