package io.jenkins.plugins.releaseplaybook.remote;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import jenkins.MasterToSlaveFileCallable;

/**
 * One file operation of the agents form, run on the target agent on the file it acts on: the same semantics as the
 * engine's local-directory transport (atomic rename over the final name, SHA-256 computed on the agent), with
 * failures classified there (no space left, permission denied) and sent back as a {@link RemoteDistributionException}.
 * Returns a small text ({@code null} for "no such file"), so that only strings cross the channel.
 */
final class AgentFileOp extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private static final int BUFFER = 1 << 20;

    enum Op {
        /** Makes sure the directory exists; {@code argument} "create" creates it. Returns {@code null}. */
        PREPARE,
        /** {@code "size modified-seconds"} of a regular file, {@code null} if there is none. */
        STAT,
        /** The first {@code maxBytes} of a small file as UTF-8, {@code null} if there is none. */
        READ,
        /** Writes {@code argument} as the file's content. */
        WRITE,
        /** The file's SHA-256, hashed on the agent. */
        SHA256,
        /** Renames the file over {@code argument} (an absolute path on the same agent), atomically where it can. */
        RENAME,
        /** Removes the file; a missing one is fine. */
        DELETE
    }

    private final Op op;
    private final String target;
    private final String path;
    private final String argument;
    private final int maxBytes;

    /**
     * @param target the agent's name, for messages
     * @param path the path as the job's directory names it, for messages
     */
    AgentFileOp(Op op, String target, String path, String argument, int maxBytes) {
        this.op = op;
        this.target = target;
        this.path = path;
        this.argument = argument;
        this.maxBytes = maxBytes;
    }

    @Override
    public String invoke(File file, VirtualChannel channel) throws IOException, InterruptedException {
        Path p = file.toPath();
        try {
            switch (op) {
                case PREPARE -> {
                    if (!Files.isDirectory(p)) {
                        if (!"create".equals(argument)) {
                            throw new RemoteDistributionException(Kind.IO,
                                    Text.of("distribution.directory.missing", target, path));
                        }
                        Files.createDirectories(p);
                    }
                    return null;
                }
                case STAT -> {
                    return Files.isRegularFile(p)
                            ? Files.size(p) + " " + Files.getLastModifiedTime(p).toInstant().getEpochSecond() : null;
                }
                case READ -> {
                    try (InputStream in = Files.newInputStream(p)) {
                        return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
                    } catch (NoSuchFileException e) {
                        return null;
                    }
                }
                case WRITE -> {
                    Files.writeString(p, argument, StandardCharsets.UTF_8);
                    return null;
                }
                case SHA256 -> {
                    return sha256(p);
                }
                case RENAME -> {
                    Path to = Path.of(argument);
                    try {
                        Files.move(p, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return null;
                }
                case DELETE -> {
                    Files.deleteIfExists(p);
                    return null;
                }
                default -> throw new IllegalStateException(op.name());
            }
        } catch (RemoteDistributionException e) {
            throw e;
        } catch (IOException e) {
            throw classify(e, target, path);
        }
    }

    private static String sha256(Path p) throws IOException, InterruptedException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (Thread.interrupted()) { // an abort, passed on by remoting
                    throw new InterruptedException("aborted");
                }
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The engine's kinds for a file system failure: a full disk and a refused permission are not worth a retry. */
    static RemoteDistributionException classify(IOException e, String target, String path) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : String.valueOf(e.getMessage());
        if (reason.toLowerCase(Locale.ROOT).contains("no space left")) {
            return new RemoteDistributionException(Kind.DISK_FULL, Text.of("distribution.diskFull", target, path, reason));
        }
        if (e instanceof AccessDeniedException) {
            return new RemoteDistributionException(Kind.PERMISSION_DENIED,
                    Text.of("distribution.permissionDenied", target, path));
        }
        if (e instanceof NoSuchFileException) {
            return new RemoteDistributionException(Kind.IO, Text.of("distribution.noSuchFile", target, path));
        }
        return new RemoteDistributionException(Kind.IO, Text.of("distribution.io", target, path, reason));
    }
}
