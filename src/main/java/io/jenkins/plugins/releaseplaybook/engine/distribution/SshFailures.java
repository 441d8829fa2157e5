package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** Turns what MINA SSHD throws into a {@link DistributionException} of the right kind. */
final class SshFailures {
    private SshFailures() {}

    /**
     * @param check the host-key check of the connection ({@code null} after login)
     * @param path the remote path the operation was about, {@code null} for connect and login
     */
    static DistributionException classify(Throwable failure, Target target, SftpTransport.HostKeyCheck check, String path) {
        String where = target.toString();
        HostKeyVerifier.Decision decision = check == null ? null : check.decision;
        if (decision != null && !decision.accepted()) {
            return new DistributionException(Kind.HOST_KEY_REJECTED, decision.refusal(), failure);
        }
        String reason = reason(failure);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new DistributionException(Kind.UNKNOWN_HOST, Text.of("distribution.connect.unknownHost", where), failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new DistributionException(Kind.CONNECT_FAILED, Text.of("distribution.connect.refused", where, reason), failure);
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return new DistributionException(Kind.TIMEOUT, Text.of("distribution.connect.timeout", where), failure);
            }
            if (t instanceof SftpException sftp) {
                return sftp(sftp, where, path == null ? "" : path, failure);
            }
            if (t instanceof SshException ssh) {
                int code = ssh.getDisconnectCode();
                String message = String.valueOf(ssh.getMessage()).toLowerCase(Locale.ROOT);
                if (code == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE
                        || code == SshConstants.SSH2_DISCONNECT_AUTH_CANCELLED_BY_USER
                        || message.contains("no more authentication methods")) {
                    return new DistributionException(Kind.AUTH_FAILED, Text.of("distribution.auth.failed", where), failure);
                }
                if (code == SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE) {
                    return new DistributionException(Kind.HOST_KEY_REJECTED, Text.of("distribution.hostKey.notVerifiable", where),
                            failure);
                }
            }
            if (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return new DistributionException(Kind.CONNECTION_LOST, Text.of("distribution.connection.lost", where, reason),
                        failure);
            }
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        if (failure instanceof EOFException || lower.contains("reset") || lower.contains("closed") || lower.contains("closing")
                || lower.contains("broken pipe") || lower.contains("eof")) {
            return new DistributionException(Kind.CONNECTION_LOST, Text.of("distribution.connection.lost", where, reason), failure);
        }
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return new DistributionException(Kind.TIMEOUT, Text.of("distribution.connect.timeout", where), failure);
        }
        return new DistributionException(Kind.IO, Text.of("distribution.io", where, path == null ? "" : path, reason), failure);
    }

    private static DistributionException sftp(SftpException e, String where, String path, Throwable failure) {
        return switch (e.getStatus()) {
            case SftpConstants.SSH_FX_PERMISSION_DENIED -> new DistributionException(Kind.PERMISSION_DENIED,
                    Text.of("distribution.permissionDenied", where, path), failure);
            case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, SftpConstants.SSH_FX_QUOTA_EXCEEDED -> new DistributionException(
                    Kind.DISK_FULL, Text.of("distribution.diskFull", where, path, String.valueOf(e.getMessage())), failure);
            case SftpConstants.SSH_FX_NO_SUCH_FILE -> new DistributionException(Kind.IO,
                    Text.of("distribution.noSuchFile", where, path), failure);
            default -> new DistributionException(Kind.IO, Text.of("distribution.io", where, path, reason(e)), failure);
        };
    }

    /** The innermost message, which says most (MINA wraps); never contains credentials. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
