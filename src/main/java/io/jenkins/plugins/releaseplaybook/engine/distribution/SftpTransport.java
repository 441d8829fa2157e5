package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * SFTP over SSH with Apache MINA SSHD (client only). One {@link SshClient} serves the whole distribution; each
 * target gets its own session. Host keys are checked by a {@link HostKeyVerifier} during the key exchange, before
 * any credential is sent. AES-GCM is preferred: the JDK runs it with the CPU's AES instructions.
 */
public final class SftpTransport implements Transport {
    static final AttributeRepository.AttributeKey<HostKeyCheck> CHECK = new AttributeRepository.AttributeKey<>();
    private static final List<BuiltinCiphers> CIPHERS = List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
            BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr, BuiltinCiphers.cc20p1305_openssh);

    /** What the key exchange found for one connection (read by the connecting thread). */
    static final class HostKeyCheck {
        final Target target;
        volatile HostKeyVerifier.Decision decision;

        HostKeyCheck(Target target) {
            this.target = target;
        }
    }

    private final SshClient client;
    private final SshCredentials credentials;
    private final List<KeyPair> keys;
    private final Duration connectTimeout;
    private final Verification verification;

    private SftpTransport(SshClient client, SshCredentials credentials, List<KeyPair> keys, Duration connectTimeout,
            Verification verification) {
        this.client = client;
        this.credentials = credentials;
        this.keys = keys;
        this.connectTimeout = connectTimeout;
        this.verification = verification;
    }

    /**
     * A started SSH client for the spec's credentials, known hosts, host-key policy, connect timeout and
     * verification; close it when done.
     *
     * @throws DistributionException {@link Kind#INVALID_CREDENTIALS} when the key cannot be read, or
     *     {@link Kind#INVALID_SPEC} without credentials or with a broken known-hosts text
     */
    public static SftpTransport open(DistributionSpec spec) throws DistributionException {
        SshCredentials credentials = spec.credentials();
        if (credentials == null) {
            throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.credentials.none"));
        }
        List<KeyPair> keys = credentials.isPrivateKey() ? loadKeys(credentials) : List.of();
        HostKeyVerifier verifier = new HostKeyVerifier(KnownHosts.parse(spec.knownHosts()), spec.hostKeyPolicy());
        SshClient client = SshClient.setUpDefaultClient();
        // Nothing from the node's ~/.ssh: no config file, no default keys, no agent; only what the spec says.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, remote, key) -> {
            AttributeRepository context = session.getConnectionContext();
            HostKeyCheck check = context == null ? null : context.getAttribute(CHECK);
            if (check == null) {
                return false;
            }
            HostKeyVerifier.Decision decision = verifier.verify(check.target, blob(key));
            check.decision = decision;
            return decision.accepted();
        });
        client.setCipherFactories(new ArrayList<>(CIPHERS.stream().filter(BuiltinCiphers::isSupported)
                .map(c -> (org.apache.sshd.common.NamedFactory<org.apache.sshd.common.cipher.Cipher>) c).toList()));
        // Ask for a reply to exec requests: a server that refuses commands then closes the channel at once, and
        // verification reads back instead of waiting.
        CoreModuleProperties.REQUEST_EXEC_REPLY.set(client, true);
        // Small packets go out at once: the key exchange, login and SFTP set-up are many small request-reply steps,
        // and with Nagle's algorithm each waits for the peer's delayed ACK (about 40 ms a step on Linux); measured on
        // loopback, login took 120 ms without this and 43 ms with it. Bulk writes are full packets either way.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
        return new SftpTransport(client, credentials, keys, spec.connectTimeout(), spec.verification());
    }

    @Override
    public TargetConnection connect(Target target, Deadline deadline) throws DistributionException, InterruptedException {
        deadline.check();
        String user = target.user() != null ? target.user() : credentials.username();
        if (user == null || user.isEmpty()) {
            throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.credentials.noUser", target.toString()));
        }
        HostKeyCheck check = new HostKeyCheck(target);
        ClientSession session = null;
        try {
            ConnectFuture future = client.connect(user, target.host(), target.port(),
                    AttributeRepository.ofKeyValuePair(CHECK, check), null);
            session = future.verify(deadline.cap(connectTimeout)).getSession();
            for (KeyPair key : keys) {
                session.addPublicKeyIdentity(key);
            }
            if (!credentials.isPrivateKey()) {
                session.addPasswordIdentity(credentials.passwordValue());
            }
            session.auth().verify(deadline.cap(connectTimeout));
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            HostKeyVerifier.Decision decision = check.decision;
            String fingerprint = decision == null ? null
                    : KnownHosts.blobType(blob(session.getServerKey())) + " " + decision.fingerprint();
            return new SftpConnection(target, session, sftp, deadline, verification, fingerprint,
                    decision != null && decision.trustedOnFirstUse());
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            deadline.check();
            throw SshFailures.classify(e, target, check, null);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            // stopping is best effort: the sessions are closed already
        }
    }

    static byte[] blob(PublicKey key) {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
    }

    /** The key pairs of the credentials; the key text and passphrase never reach a message. */
    static List<KeyPair> loadKeys(SshCredentials credentials) throws DistributionException {
        String user = Objects.toString(credentials.username(), "");
        FilePasswordProvider passphrase = credentials.passphrase() == null ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(credentials.passphrase());
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(credentials.privateKeyText().strip().concat("\n")
                .getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("credentials"), in,
                    passphrase);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new DistributionException(Kind.INVALID_CREDENTIALS, Text.of("distribution.credentials.unreadable", user,
                    e.getClass().getSimpleName()));
        }
        if (pairs.isEmpty()) {
            throw new DistributionException(Kind.INVALID_CREDENTIALS, Text.of("distribution.credentials.unreadable", user,
                    "no key"));
        }
        for (KeyPair pair : pairs) {
            if (pair.getPublic() == null || KeyUtils.getKeyType(pair.getPublic()) == null) {
                throw new DistributionException(Kind.INVALID_CREDENTIALS, Text.of("distribution.credentials.unreadable",
                        user, "unsupported key type"));
            }
        }
        return List.copyOf(pairs);
    }
}
