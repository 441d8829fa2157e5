package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.Test;

/** What MINA SSHD throws, as the kinds that decide about retries. */
public class SshFailuresTest {
    private static final Target WEB = new Target("deploy", "web-1", 22);

    private static Kind kind(Throwable t) {
        return SshFailures.classify(t, WEB, null, "/opt/app/x").kind();
    }

    @Test
    public void connectionProblemsAreTransient() {
        assertThat(kind(new SshException("connect", new ConnectException("Connection refused")))).isEqualTo(Kind.CONNECT_FAILED);
        assertThat(kind(new SshException("Failed to get operation result within specified timeout: 700 msec",
                new TimeoutException("Timed out after 700 msec")))).isEqualTo(Kind.TIMEOUT);
        assertThat(kind(new EOFException())).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(kind(new IOException("Connection reset by peer"))).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(kind(new SshException("Session is being closed"))).isEqualTo(Kind.CONNECTION_LOST);
        for (Kind k : new Kind[] {Kind.CONNECT_FAILED, Kind.TIMEOUT, Kind.CONNECTION_LOST}) {
            assertThat(k.isTransient()).isTrue();
        }
    }

    @Test
    public void loginAndHostKeyFailuresAreNot() {
        assertThat(kind(new SshException(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                "No more authentication methods available"))).isEqualTo(Kind.AUTH_FAILED);
        assertThat(kind(new SshException(SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE, "Server key did not validate")))
                .isEqualTo(Kind.HOST_KEY_REJECTED);
        assertThat(kind(new UnknownHostException("web-1"))).isEqualTo(Kind.UNKNOWN_HOST);
        assertThat(Kind.AUTH_FAILED.isTransient()).isFalse();
        assertThat(Kind.HOST_KEY_REJECTED.isTransient()).isFalse();
        assertThat(Kind.UNKNOWN_HOST.isTransient()).isFalse();
    }

    @Test
    public void theHostKeyDecisionWinsOverWhatTheLibrarySays() throws Exception {
        SftpTransport.HostKeyCheck check = new SftpTransport.HostKeyCheck(WEB);
        check.decision = new HostKeyVerifier(KnownHosts.parse("web-1 ssh-ed25519 " + KnownHostsTest.KEY_A),
                HostKeyPolicy.KNOWN_HOSTS).verify(WEB, KnownHostsTest.b());

        DistributionException e = SshFailures.classify(new SshException("Session is being closed"), WEB, check, null);

        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY_REJECTED);
        assertThat(e.getMessage()).contains(KnownHostsTest.FINGERPRINT_A).contains(KnownHostsTest.FINGERPRINT_B);
    }

    @Test
    public void sftpStatusesNameThePath() {
        DistributionException denied = SshFailures.classify(
                new SftpException(SftpConstants.SSH_FX_PERMISSION_DENIED, "Permission denied"), WEB, null, "/opt/app/x");
        assertThat(denied.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(denied.getMessage()).isEqualTo("deploy@web-1: permission denied on /opt/app/x: the user may not write"
                + " there; fix the directory's owner or permissions.");
        assertThat(kind(new SftpException(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, "full"))).isEqualTo(Kind.DISK_FULL);
        assertThat(kind(new SftpException(SftpConstants.SSH_FX_QUOTA_EXCEEDED, "quota"))).isEqualTo(Kind.DISK_FULL);
        assertThat(kind(new SftpException(SftpConstants.SSH_FX_FAILURE, "Failure"))).isEqualTo(Kind.IO);
    }
}
