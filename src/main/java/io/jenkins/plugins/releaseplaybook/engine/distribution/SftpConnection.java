package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatPathExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** One SSH session with its SFTP channel to one target. */
final class SftpConnection implements TargetConnection {
    /**
     * Bytes per SFTP write (and read): OpenSSH's sftp-server takes messages up to 256 KiB. MINA keeps writing without
     * waiting for acknowledgements until the channel window (2 MiB from OpenSSH) is full, so several writes are in
     * flight and one stream runs near link speed.
     */
    static final int IO_BUFFER = 252 * 1024;
    private static final Pattern SHA256SUM_LINE = Pattern.compile("^\\\\?([0-9a-f]{64}) [ *]");
    private static final Duration EXEC_POLL = Duration.ofMillis(200);
    private static final int EXEC_OUTPUT_LIMIT = 16 * 1024;

    private final Target target;
    private final ClientSession session;
    private final SftpClient sftp;
    private final Deadline deadline;
    private final String fingerprint;
    private final boolean trustedOnFirstUse;
    /** Cleared after the target showed it runs no {@code sha256sum}: the rest of the connection reads back. */
    private boolean execAllowed;

    SftpConnection(Target target, ClientSession session, SftpClient sftp, Deadline deadline, Verification verification,
            String fingerprint, boolean trustedOnFirstUse) {
        this.target = target;
        this.session = session;
        this.sftp = sftp;
        this.deadline = deadline;
        this.fingerprint = fingerprint;
        this.trustedOnFirstUse = trustedOnFirstUse;
        this.execAllowed = verification == Verification.AUTO;
    }

    /** The SSH session (tests look at its socket). */
    ClientSession session() {
        return session;
    }

    @Override
    public String hostKeyFingerprint() {
        return fingerprint;
    }

    @Override
    public boolean trustedOnFirstUse() {
        return trustedOnFirstUse;
    }

    @Override
    public void prepareDirectory(String directory, boolean create) throws DistributionException, InterruptedException {
        deadline.check();
        try {
            SftpClient.Attributes attributes = statOrNull(directory);
            if (attributes != null) {
                if (!attributes.isDirectory()) {
                    throw new DistributionException(Kind.IO, Text.of("distribution.directory.notDirectory", target.toString(),
                            directory));
                }
                return;
            }
            if (!create) {
                throw new DistributionException(Kind.IO, Text.of("distribution.directory.missing", target.toString(), directory));
            }
            StringBuilder path = new StringBuilder(directory.startsWith("/") ? "/" : "");
            for (String segment : directory.split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (path.length() > 0 && path.charAt(path.length() - 1) != '/') {
                    path.append('/');
                }
                path.append(segment);
                SftpClient.Attributes step = statOrNull(path.toString());
                if (step == null) {
                    sftp.mkdir(path.toString());
                } else if (!step.isDirectory()) {
                    throw new DistributionException(Kind.IO, Text.of("distribution.directory.notDirectory",
                            target.toString(), path.toString()));
                }
            }
        } catch (IOException e) {
            throw failure(e, directory);
        }
    }

    @Override
    public RemoteFile stat(String path) throws DistributionException, InterruptedException {
        deadline.check();
        try {
            SftpClient.Attributes attributes = statOrNull(path);
            if (attributes == null || !attributes.isRegularFile()) {
                return null;
            }
            java.nio.file.attribute.FileTime modified = attributes.getModifyTime();
            return new RemoteFile(attributes.getSize(), modified == null ? -1 : modified.toInstant().getEpochSecond());
        } catch (IOException e) {
            throw failure(e, path);
        }
    }

    @Override
    public String readText(String path, int maxBytes) throws DistributionException, InterruptedException {
        deadline.check();
        try (InputStream in = sftp.read(path)) {
            return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw failure(e, path);
        } catch (IOException e) {
            throw failure(e, path);
        }
    }

    @Override
    public void writeText(String path, String text) throws DistributionException, InterruptedException {
        deadline.check();
        try (OutputStream out = sftp.write(path, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Truncate)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(e, path);
        }
    }

    @Override
    public RemoteHash sha256(String path, long expectedSize) throws DistributionException, InterruptedException {
        if (execAllowed) {
            String hex = sha256sum(path, expectedSize);
            if (hex != null) {
                return new RemoteHash(hex, RemoteHash.SHA256SUM);
            }
            execAllowed = false;
        }
        return readBack(path);
    }

    /** {@code sha256sum} on the target; {@code null} when the target has no usable one (no shell, no command). */
    private String sha256sum(String path, long expectedSize) throws DistributionException, InterruptedException {
        deadline.check();
        LimitedOutput out = new LimitedOutput();
        ChannelExec channel = null;
        try {
            channel = session.createExecChannel("sha256sum -- " + RemotePaths.shellQuote(path));
            channel.setIn(new ByteArrayInputStream(new byte[0])); // EOF at once: a forced sftp-server then quits
            channel.setOut(out);
            channel.setErr(new LimitedOutput());
            channel.open().verify(deadline.cap(Duration.ofSeconds(30)));
            // MINA's waitFor swallows interrupts, so poll and look at the deadline in between. A server that
            // accepts the command but never ends it has no usable sha256sum: give up after a generous time.
            long end = System.nanoTime() + execLimit(expectedSize).toNanos();
            while (!channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), EXEC_POLL).contains(ClientChannelEvent.CLOSED)) {
                deadline.check();
                if (System.nanoTime() > end) {
                    return null;
                }
            }
            Integer status = channel.getExitStatus();
            Matcher line = SHA256SUM_LINE.matcher(out.text());
            if (status != null && status == 0 && line.find()) {
                return line.group(1);
            }
            return null;
        } catch (IOException e) {
            deadline.check();
            if (!session.isOpen()) {
                throw failure(e, path);
            }
            return null; // the target refused the exec channel: read back instead
        } finally {
            if (channel != null) {
                channel.close(true);
            }
        }
    }

    /** How long {@code sha256sum} may take: 10 s plus 50 MB/s, several times what a slow disk needs. */
    static Duration execLimit(long size) {
        return Duration.ofSeconds(10).plusMillis(Math.max(0, size) / 50_000);
    }

    private RemoteHash readBack(String path) throws DistributionException, InterruptedException {
        MessageDigest digest = ArtifactSet.sha256();
        try (InputStream in = sftp.read(path, IO_BUFFER)) {
            byte[] buffer = new byte[IO_BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                deadline.check();
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            deadline.check();
            throw failure(e, path);
        }
        return new RemoteHash(HexFormat.of().formatHex(digest.digest()), RemoteHash.READ_BACK);
    }

    @Override
    public void upload(Artifact artifact, String path) throws DistributionException, InterruptedException {
        deadline.check();
        InputStream in;
        try {
            in = Files.newInputStream(artifact.path());
        } catch (IOException e) {
            throw new DistributionException(Kind.MISSING_ARTIFACT, Text.of("distribution.artifact.unreadable",
                    artifact.localPath(), String.valueOf(e.getMessage())), e);
        }
        try (in; OutputStream out = sftp.write(path, IO_BUFFER, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Truncate)) {
            byte[] buffer = new byte[IO_BUFFER];
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                deadline.check();
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            deadline.check();
            throw diskFullOr(failure(e, path), path, artifact.size());
        }
    }

    /**
     * OpenSSH's sftp-server (SFTP 3) reports a full disk as a plain "Failure"; {@code statvfs@openssh.com} tells
     * whether that was it.
     */
    private DistributionException diskFullOr(DistributionException failure, String path, long needed) {
        if (failure.kind() != Kind.IO || !session.isOpen()) {
            return failure;
        }
        try {
            OpenSSHStatPathExtension statvfs = sftp.getExtension(OpenSSHStatPathExtension.class);
            if (statvfs == null || !statvfs.isSupported()) {
                return failure;
            }
            String directory = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
            OpenSSHStatExtensionInfo info = statvfs.stat(directory.isEmpty() ? "/" : directory);
            long free = info.f_bavail * (info.f_frsize > 0 ? info.f_frsize : info.f_bsize);
            if (free < needed) {
                return new DistributionException(Kind.DISK_FULL, Text.of("distribution.diskFull.free", target.toString(),
                        directory, DistributionResult.bytes(free), DistributionResult.bytes(needed)), failure);
            }
        } catch (IOException | RuntimeException e) {
            // no answer: keep the original failure
        }
        return failure;
    }

    @Override
    public void rename(String from, String to) throws DistributionException, InterruptedException {
        deadline.check();
        try {
            OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
            if (posix != null && posix.isSupported()) {
                posix.posixRename(from, to);
                return;
            }
            // SFTP 3 without the extension cannot replace: remove the old file first (not atomic, the best there is)
            if (statOrNull(to) != null) {
                sftp.remove(to);
            }
            sftp.rename(from, to, SftpClient.CopyMode.Overwrite, SftpClient.CopyMode.Atomic);
        } catch (IOException e) {
            throw failure(e, to);
        }
    }

    @Override
    public void delete(String path) throws DistributionException {
        try {
            sftp.remove(path);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw failure(e, path);
            }
        } catch (IOException e) {
            throw failure(e, path);
        }
    }

    @Override
    public void abort() {
        session.close(true);
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException | RuntimeException e) {
            // closing the session below ends the channel anyway
        }
        session.close(true);
    }

    private SftpClient.Attributes statOrNull(String path) throws IOException {
        try {
            return sftp.stat(path);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw e;
        }
    }

    private DistributionException failure(IOException e, String path) {
        return SshFailures.classify(e, target, null, path);
    }

    /** Keeps the first few KiB of a command's output: enough for {@code sha256sum}, bounded for anything else. */
    private static final class LimitedOutput extends OutputStream {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (bytes.size() < EXEC_OUTPUT_LIMIT) {
                bytes.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = EXEC_OUTPUT_LIMIT - bytes.size();
            if (room > 0) {
                bytes.write(b, off, Math.min(room, len));
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
