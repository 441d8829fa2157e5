package io.jenkins.plugins.releaseplaybook.steps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server in the test's JVM (Apache MINA SSHD, as the plugin's client), on a free loopback port: one user,
 * public-key or password login, files under a temporary directory, a fresh RSA host key. No exec channel, so the
 * engine verifies by reading files back. Used because the JenkinsRule tests cannot rely on an OpenSSH daemon.
 */
final class InProcessSftpServer implements AutoCloseable {
    static final String USER = "deploy";

    private final SshServer server;
    private final KeyPair hostKey;

    private InProcessSftpServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /**
     * @param authorizedKey the key {@link #USER} may log in with, or {@code null}
     * @param password the password {@link #USER} may log in with, or {@code null}
     * @param listener watches the SFTP operations (to hold a write), or {@code null}
     */
    static InProcessSftpServer start(Path root, PublicKey authorizedKey, String password, SftpEventListener listener)
            throws IOException, GeneralSecurityException {
        KeyPair hostKey = rsa();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && authorizedKey != null
                && KeyUtils.compareKeys(authorizedKey, key));
        server.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && password != null
                && password.equals(given));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        if (listener != null) {
            sftp.addSftpEventListener(listener);
        }
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        return new InProcessSftpServer(server, hostKey);
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The key pair's private key as an OpenSSH key file, as people paste it into Jenkins credentials. */
    static String openSshPrivateKey(KeyPair pair) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OpenSSHKeyPairResourceWriter().writePrivateKey(pair, "test", (OpenSSHKeyEncryptionContext) null, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    int port() {
        return server.getPort();
    }

    /** The target as the step takes it: {@code deploy@127.0.0.1:port}. */
    String target() {
        return USER + "@127.0.0.1:" + port();
    }

    /** The known-hosts line of this server's host key. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
