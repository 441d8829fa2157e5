package io.jenkins.plugins.releaseplaybook.engine.backup;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compressions and the digest. zstd is zstd-jni (the native zstd library, carried in its jar for every
 * platform an agent runs on; the commons-compress-api plugin provides it): its output is what {@code zstd -3}
 * writes, within a fraction of a percent, and as fast (docs/benchmarks.md).
 */
final class Codecs {
    /** {@code zstd -3}, the command line's default. */
    static final int ZSTD_LEVEL = 3;

    private Codecs() {}

    /**
     * @param workers zstd's own compression threads (0: compress on the calling thread)
     * @throws BackupException {@link BackupException.Kind#IO} when zstd's native library does not load on this node
     */
    static OutputStream compress(Compression compression, OutputStream out, int workers)
            throws IOException, BackupException {
        switch (compression) {
            case NONE:
                return out;
            case GZIP:
                return new GZIPOutputStream(out, 64 * 1024);
            case ZSTD:
                try {
                    ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, ZSTD_LEVEL);
                    zstd.setChecksum(true);
                    if (workers > 0) {
                        zstd.setWorkers(workers);
                    }
                    return zstd;
                } catch (LinkageError e) {
                    throw zstdUnavailable(e);
                }
            default:
                throw new IllegalStateException(compression.toString());
        }
    }

    static InputStream decompress(Compression compression, InputStream in) throws IOException, BackupException {
        switch (compression) {
            case NONE:
                return in;
            case GZIP:
                return new GZIPInputStream(in, 64 * 1024);
            case ZSTD:
                try {
                    return new ZstdInputStreamNoFinalizer(in);
                } catch (LinkageError e) {
                    throw zstdUnavailable(e);
                }
            default:
                throw new IllegalStateException(compression.toString());
        }
    }

    private static BackupException zstdUnavailable(LinkageError e) {
        return new BackupException(BackupException.Kind.IO, Text.of("backup.zstd.unavailable",
                System.getProperty("os.name") + "/" + System.getProperty("os.arch"), Failures.reason(e)), e);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
