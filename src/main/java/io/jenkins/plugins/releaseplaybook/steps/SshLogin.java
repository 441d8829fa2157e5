package io.jenkins.plugins.releaseplaybook.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.distribution.SshCredentials;
import java.util.List;

/**
 * The SSH login of {@code preDistribute(hosts: ..., credentialsId: ...)}: an "SSH Username with private key"
 * ({@link SSHUserPrivateKey}: its keys, in order, and its passphrase) or a "Username with password", looked up with
 * the build's permissions and tracked on the build. The secrets go into the engine's {@link SshCredentials} only;
 * no message names anything but the id.
 */
final class SshLogin {
    private SshLogin() {}

    static SshCredentials of(String credentialsId, Run<?, ?> run) throws AbortException {
        StandardUsernameCredentials found =
                CredentialsProvider.findCredentialById(credentialsId, StandardUsernameCredentials.class, run);
        if (found == null) {
            throw new AbortException(Messages.PreDistributeStep_CredentialsNotFound(credentialsId));
        }
        CredentialsProvider.track(run, found);
        if (found instanceof SSHUserPrivateKey key) {
            List<String> keys = key.getPrivateKeys();
            if (keys.isEmpty()) {
                throw new AbortException(Messages.PreDistributeStep_NoPrivateKey(credentialsId));
            }
            Secret passphrase = key.getPassphrase();
            return SshCredentials.privateKey(key.getUsername(), String.join("\n", keys),
                    passphrase == null ? null : passphrase.getPlainText());
        }
        if (found instanceof StandardUsernamePasswordCredentials password) {
            return SshCredentials.password(password.getUsername(), password.getPassword().getPlainText());
        }
        throw new AbortException(Messages.PreDistributeStep_WrongCredentials(credentialsId));
    }
}
