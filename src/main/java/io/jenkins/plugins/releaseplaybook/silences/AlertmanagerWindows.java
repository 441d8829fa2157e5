package io.jenkins.plugins.releaseplaybook.silences;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ConnectionCredentials;
import io.jenkins.plugins.releaseplaybook.config.HttpClients;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertmanagerClient;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceWindow;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's {@link SilenceWindow} for the administrator's Alertmanager settings: the HA list of URLs, the
 * credentials and the request timeout. Settings that cannot be used are an {@link AbortException} saying what a
 * Jenkins administrator must fix.
 */
public final class AlertmanagerWindows {
    private AlertmanagerWindows() {}

    /**
     * @param run the build whose credentials use is recorded (on the credentials' fingerprint page); {@code null}
     *     when there is no build to record it on (the safety net runs after the build completed)
     * @param log where the window reports each silence it creates or expires, in the language of
     *     {@link EngineMessages#locale()}
     */
    public static SilenceWindow create(ReleasePlaybookConfiguration config, @CheckForNull Run<?, ?> run,
            Consumer<String> log) throws AbortException {
        List<URI> endpoints = config.getAlertmanagerEndpoints();
        if (endpoints.isEmpty()) {
            throw new AbortException(Messages.Silences_NoAlertmanager());
        }
        try {
            ConnectionCredentials credentials = new ConnectionCredentials(new JenkinsFacade());
            String id = config.getAlertmanagerCredentialsId();
            HttpAuth auth = run == null ? credentials.resolve(id) : credentials.resolve(id, run);
            Duration timeout = config.getRequestTimeout();
            AlertmanagerClient client = new AlertmanagerClient(endpoints, auth, timeout, HttpClients.get(timeout));
            return SilenceWindow.builder(client).log(log).locale(EngineMessages.locale()).build();
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.Silences_AlertmanagerSettings(EngineMessages.of(e)));
        }
    }
}
