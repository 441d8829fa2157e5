package io.jenkins.plugins.releaseplaybook.config;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns a credentials ID from the global configuration into the engine's {@link HttpAuth}: secret text is
 * sent as a bearer token, username with password as HTTP basic authentication. The credentials are the
 * administrator's (system scope), looked up as {@link ACL#SYSTEM2} in the root of Jenkins.
 */
public final class ConnectionCredentials {
    /** The credential types this plugin can send to Prometheus and Alertmanager. */
    static final CredentialsMatcher SUPPORTED = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    private final JenkinsFacade jenkins;

    public ConnectionCredentials(JenkinsFacade jenkins) {
        this.jenkins = jenkins;
    }

    /**
     * The authentication for the credentials ID; none for a blank ID.
     *
     * @throws IllegalArgumentException naming the ID when it does not exist or is of an unsupported type
     */
    @NonNull
    public HttpAuth resolve(@CheckForNull String credentialsId) {
        String id = Util.fixEmptyAndTrim(credentialsId);
        return id == null ? HttpAuth.none() : toAuth(id, find(id));
    }

    /**
     * Like {@link #resolve(String)}, for a step: also records that the build used the credentials, so that their
     * usage shows on the credentials' fingerprint page.
     *
     * @throws IllegalArgumentException naming the ID when it does not exist or is of an unsupported type
     */
    @NonNull
    public HttpAuth resolve(@CheckForNull String credentialsId, @NonNull Run<?, ?> run) {
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            return HttpAuth.none();
        }
        StandardCredentials credentials = find(id);
        HttpAuth auth = toAuth(id, credentials);
        CredentialsProvider.track(run, credentials);
        return auth;
    }

    private StandardCredentials find(String id) {
        StandardCredentials credentials = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StandardCredentials.class, jenkins.getRootItemGroup(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
        if (credentials == null) {
            throw new IllegalArgumentException(Messages.ConnectionCredentials_NotFound(id));
        }
        return credentials;
    }

    private static HttpAuth toAuth(String id, StandardCredentials credentials) {
        if (credentials instanceof StringCredentials secretText) {
            return HttpAuth.bearer(secretText.getSecret().getPlainText());
        }
        if (credentials instanceof StandardUsernamePasswordCredentials userAndPassword) {
            return HttpAuth.basic(userAndPassword.getUsername(), userAndPassword.getPassword().getPlainText());
        }
        throw new IllegalArgumentException(
                Messages.ConnectionCredentials_Unsupported(id, credentials.getDescriptor().getDisplayName()));
    }

    /** The drop-down of usable credentials, keeping the saved ID selectable even if it no longer matches. */
    static ListBoxModel listBoxModel(JenkinsFacade jenkins, String current) {
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, jenkins.getRootItemGroup(), StandardCredentials.class, List.of(),
                        SUPPORTED)
                .includeCurrentValue(current);
    }
}
