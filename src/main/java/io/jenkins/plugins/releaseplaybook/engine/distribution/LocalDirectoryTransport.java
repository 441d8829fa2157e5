package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Targets as local directories: target {@code host} is the directory {@code root/host}, and the remote directory
 * is resolved inside it (a leading {@code /} is dropped). For tests, and for shares mounted one per host under a
 * common root ({@code /mnt/hosts/web-1/...}). Renames are atomic moves.
 */
public final class LocalDirectoryTransport implements Transport {
    private static final int BUFFER = 1 << 20;

    private final Path root;

    public LocalDirectoryTransport(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public TargetConnection connect(Target target, Deadline deadline) throws DistributionException, InterruptedException {
        deadline.check();
        Path base = root.resolve(target.host()).normalize();
        if (!base.startsWith(root) || !Files.isDirectory(base)) {
            throw new DistributionException(Kind.CONNECT_FAILED,
                    Text.of("distribution.local.noTarget", target.toString(), base.toString()));
        }
        return new Connection(target, base, deadline);
    }

    private static final class Connection implements TargetConnection {
        private final Target target;
        private final Path base;
        private final Deadline deadline;

        Connection(Target target, Path base, Deadline deadline) {
            this.target = target;
            this.base = base;
            this.deadline = deadline;
        }

        private Path resolve(String remote) throws DistributionException {
            String relative = remote.startsWith("/") ? remote.substring(1) : remote;
            Path path = base.resolve(relative.isEmpty() ? "." : relative).normalize();
            if (!path.startsWith(base)) {
                throw new DistributionException(Kind.PATH_REFUSED, Text.of("distribution.path.dotDot", remote));
            }
            return path;
        }

        @Override
        public void prepareDirectory(String directory, boolean create) throws DistributionException, InterruptedException {
            deadline.check();
            Path dir = resolve(directory);
            try {
                if (Files.isDirectory(dir)) {
                    return;
                }
                if (!create) {
                    throw new DistributionException(Kind.IO,
                            Text.of("distribution.directory.missing", target.toString(), directory));
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw failure(e, directory);
            }
        }

        @Override
        public RemoteFile stat(String path) throws DistributionException, InterruptedException {
            deadline.check();
            Path file = resolve(path);
            try {
                return Files.isRegularFile(file)
                        ? new RemoteFile(Files.size(file), Files.getLastModifiedTime(file).toInstant().getEpochSecond()) : null;
            } catch (IOException e) {
                throw failure(e, path);
            }
        }

        @Override
        public String readText(String path, int maxBytes) throws DistributionException, InterruptedException {
            deadline.check();
            Path file = resolve(path);
            try (InputStream in = Files.newInputStream(file)) {
                return new String(in.readNBytes(maxBytes), java.nio.charset.StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw failure(e, path);
            }
        }

        @Override
        public void writeText(String path, String text) throws DistributionException, InterruptedException {
            deadline.check();
            try {
                Files.writeString(resolve(path), text, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw failure(e, path);
            }
        }

        @Override
        public RemoteHash sha256(String path, long expectedSize) throws DistributionException, InterruptedException {
            MessageDigest digest = ArtifactSet.sha256();
            try (InputStream in = Files.newInputStream(resolve(path))) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    deadline.check();
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw failure(e, path);
            }
            return new RemoteHash(HexFormat.of().formatHex(digest.digest()), RemoteHash.LOCAL);
        }

        @Override
        public void upload(Artifact artifact, String path) throws DistributionException, InterruptedException {
            try (InputStream in = Files.newInputStream(artifact.path());
                    OutputStream out = Files.newOutputStream(resolve(path), StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    deadline.check();
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                throw failure(e, path);
            }
        }

        @Override
        public void rename(String from, String to) throws DistributionException, InterruptedException {
            deadline.check();
            try {
                try {
                    Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(resolve(from), resolve(to), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw failure(e, to);
            }
        }

        @Override
        public void delete(String path) throws DistributionException {
            try {
                Files.deleteIfExists(resolve(path));
            } catch (IOException e) {
                throw failure(e, path);
            }
        }

        @Override
        public void abort() {
            deadline.stop(Deadline.Stop.ABORT);
        }

        @Override
        public void close() {}

        private DistributionException failure(IOException e, String path) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : String.valueOf(e.getMessage());
            if (reason.toLowerCase(Locale.ROOT).contains("no space left")) {
                return new DistributionException(Kind.DISK_FULL, Text.of("distribution.diskFull", target.toString(), path,
                        reason), e);
            }
            if (e instanceof AccessDeniedException) {
                return new DistributionException(Kind.PERMISSION_DENIED,
                        Text.of("distribution.permissionDenied", target.toString(), path), e);
            }
            if (e instanceof NoSuchFileException) {
                return new DistributionException(Kind.IO, Text.of("distribution.noSuchFile", target.toString(), path), e);
            }
            return new DistributionException(Kind.IO, Text.of("distribution.io", target.toString(), path, reason), e);
        }
    }
}
