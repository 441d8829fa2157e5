package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertmanagerProbe;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.ProbeResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.PrometheusProbe;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Backs the "Test connection" buttons: checks the values as typed in the form (not the saved ones) with the
 * engine's probes and turns the outcome into a form message. Probe messages never contain secrets.
 */
final class ConnectionTester {
    private final ConnectionCredentials credentials;

    ConnectionTester(ConnectionCredentials credentials) {
        this.credentials = credentials;
    }

    FormValidation testPrometheus(@CheckForNull String url, @CheckForNull String credentialsId,
            @CheckForNull String timeoutSeconds) {
        URI endpoint;
        HttpAuth auth;
        try {
            endpoint = EndpointUrl.parse(url);
            auth = credentials.resolve(credentialsId);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(EngineMessages.of(e));
        }
        Duration timeout = ConfigurationValidation.timeoutOrDefault(timeoutSeconds);
        ProbeResult result = PrometheusProbe.check(endpoint, auth, timeout, HttpClients.get(timeout));
        return result.ok() ? FormValidation.ok(result.message()) : FormValidation.error(result.message());
    }

    /** All instances up: OK; some down: a warning (the HA cluster still works); all down: an error. */
    FormValidation testAlertmanager(@CheckForNull String urls, @CheckForNull String credentialsId,
            @CheckForNull String timeoutSeconds) {
        List<URI> endpoints;
        HttpAuth auth;
        try {
            endpoints = EndpointUrl.parseList(urls);
            if (endpoints.isEmpty()) {
                return FormValidation.error(Messages.ConnectionTester_NoAlertmanagerUrls());
            }
            auth = credentials.resolve(credentialsId);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(EngineMessages.of(e));
        }
        Duration timeout = ConfigurationValidation.timeoutOrDefault(timeoutSeconds);
        List<ProbeResult> results = AlertmanagerProbe.check(endpoints, auth, timeout, HttpClients.get(timeout));
        // FormValidation escapes the text and turns the line breaks into <br>.
        String text = results.stream().map(ProbeResult::message).collect(Collectors.joining("\n"));
        long up = results.stream().filter(ProbeResult::ok).count();
        if (up == results.size()) {
            return FormValidation.ok(text);
        }
        return up == 0 ? FormValidation.error(text) : FormValidation.warning(text);
    }
}
