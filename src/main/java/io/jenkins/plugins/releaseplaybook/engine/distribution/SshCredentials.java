package io.jenkins.plugins.releaseplaybook.engine.distribution;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to log in to the targets: a private key (OpenSSH or PEM text; RSA, ECDSA or Ed25519; optionally with a
 * passphrase) or a password, each with a user name for targets that name none. The plugin hands the values in
 * from the Credentials plugin; {@link #toString()} shows only the user name and the kind, and no text of the
 * distribution package ever contains the secret. Serializable because the distribution runs on the node that has
 * the files.
 */
public final class SshCredentials implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final String privateKey;
    private final String passphrase;
    private final String password;

    private SshCredentials(String username, String privateKey, String passphrase, String password) {
        this.username = username;
        this.privateKey = privateKey;
        this.passphrase = passphrase;
        this.password = password;
    }

    /**
     * @param username the login name for targets without {@code user@}; may be {@code null} when every target has one
     * @param privateKeyText the key file's text (several keys may follow each other, as Jenkins stores them)
     * @param passphrase {@code null} or empty for an unencrypted key
     */
    public static SshCredentials privateKey(String username, String privateKeyText, String passphrase) {
        return new SshCredentials(username, Objects.requireNonNull(privateKeyText, "privateKeyText"),
                passphrase == null || passphrase.isEmpty() ? null : passphrase, null);
    }

    /** Password (or keyboard-interactive with one password prompt) authentication. */
    public static SshCredentials password(String username, String password) {
        return new SshCredentials(username, null, null, Objects.requireNonNull(password, "password"));
    }

    /** The user name, {@code null} if none. */
    public String username() {
        return username;
    }

    public boolean isPrivateKey() {
        return privateKey != null;
    }

    /** The private key text, {@code null} for a password. Only the transport reads it. */
    String privateKeyText() {
        return privateKey;
    }

    String passphrase() {
        return passphrase;
    }

    String passwordValue() {
        return password;
    }

    @Override
    public String toString() {
        return "SshCredentials[" + (username == null ? "no user" : username) + ", "
                + (isPrivateKey() ? "private key" + (passphrase == null ? "" : " with passphrase") : "password") + "]";
    }
}
