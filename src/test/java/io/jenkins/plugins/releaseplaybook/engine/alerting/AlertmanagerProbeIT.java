package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.ProbeResult;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;

/** {@link AlertmanagerProbe} against a real Alertmanager. */
public class AlertmanagerProbeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @ClassRule
    public static final AlertmanagerServer ALERTMANAGER = new AlertmanagerServer();

    @Test
    public void liveAlertmanagerIsOkWithVersionAndClusterStatus() throws Exception {
        URI base = ALERTMANAGER.baseUrl();

        List<ProbeResult> results = AlertmanagerProbe.check(List.of(base), HttpAuth.none(), TIMEOUT);

        assertThat(results).hasSize(1);
        ProbeResult result = results.get(0);
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.endpoint()).isEqualTo(base);
        assertThat(result.message())
                .isEqualTo("Alertmanager " + ALERTMANAGER.binaryVersion() + " at " + base + " (cluster: disabled)");
    }

    @Test
    public void eachInstanceOfTheListIsReportedInOrder() {
        URI dead = FreePort.closedUrl();
        URI live = ALERTMANAGER.baseUrl();

        List<ProbeResult> results = AlertmanagerProbe.check(List.of(dead, live), HttpAuth.none(), TIMEOUT);

        assertThat(results).extracting(ProbeResult::endpoint).containsExactly(dead, live);
        assertThat(results.get(0).ok()).isFalse();
        assertThat(results.get(0).message())
                .isEqualTo("Alertmanager status check failed: " + dead + "/api/v2/status is unreachable: connection"
                        + " refused; check that the server is running and that the host and port are right");
        assertThat(results.get(1).ok()).as(results.get(1).message()).isTrue();
        assertThat(results.get(1).message()).startsWith("Alertmanager ").endsWith(" at " + live + " (cluster: disabled)");
    }

    @Test
    public void emptyListGivesNoResults() {
        assertThat(AlertmanagerProbe.check(List.of(), HttpAuth.none(), TIMEOUT)).isEmpty();
    }
}
