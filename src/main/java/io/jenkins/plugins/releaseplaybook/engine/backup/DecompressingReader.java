package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The first stage of the verifier's pipeline, on a thread of its own: reads the archive file, hashes its bytes
 * (the archive's SHA-256) and decompresses them into 1 MiB chunks that {@link #stream()} hands to the thread that
 * parses the tar and hashes each entry. Whatever happens downstream (a mismatch stops reading entries) or here
 * (garbage that does not decompress), the rest of the file is still read for its checksum.
 */
final class DecompressingReader implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private static final byte[] END = new byte[0];

    private final InputStream hashed;
    private final InputStream decompressed;
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private volatile boolean cancelled;
    /** What decompression threw: garbage data, a truncated frame; handed to the reading side as an IOException. */
    private volatile Throwable failure;
    /** What reading the raw file threw: a real I/O failure, not the archive's fault. */
    private volatile IOException ioFailure;

    /**
     * @param hashed the archive file, hashing what is read through it
     * @param decompressed the same through the decompressor
     */
    DecompressingReader(InputStream hashed, InputStream decompressed, String name) {
        this.hashed = hashed;
        this.decompressed = decompressed;
        for (int i = 0; i < 3; i++) {
            free.add(new byte[CHUNK]);
        }
        thread = new Thread(this::run, "release-playbook backup verifier " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!cancelled) {
                byte[] chunk = take();
                if (chunk == null) {
                    break;
                }
                int used = 0;
                int n = 0;
                while (used < CHUNK && (n = decompressed.read(chunk, used, CHUNK - used)) >= 0) {
                    used += n;
                }
                if (used > 0 && !offer(chunk, used)) {
                    break;
                }
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("verification stopped");
            return;
        }
        try {
            hashed.transferTo(OutputStream.nullOutputStream()); // the rest of the file, for its checksum
        } catch (IOException e) {
            ioFailure = e;
        }
        try {
            offer(END, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] take() throws InterruptedException {
        byte[] chunk;
        while ((chunk = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
            if (cancelled) {
                return null;
            }
        }
        return chunk;
    }

    private boolean offer(byte[] chunk, int length) throws InterruptedException {
        while (!full.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            if (cancelled) {
                return false;
            }
        }
        lengths.put(length);
        return true;
    }

    /** The decompressed bytes; one reader. */
    InputStream stream() {
        return new InputStream() {
            private byte[] chunk;
            private int length;
            private int at;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (chunk == null || at == length) {
                    if (ended) {
                        return -1;
                    }
                    if (chunk != null) {
                        free.add(chunk);
                        chunk = null;
                    }
                    try {
                        byte[] next = full.take();
                        int nextLength = lengths.take();
                        if (next == END) {
                            ended = true;
                            if (failure != null) {
                                throw new IOException(Failures.reason(failure), failure);
                            }
                            return -1;
                        }
                        chunk = next;
                        length = nextLength;
                        at = 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("verification stopped");
                    }
                }
                int n = Math.min(len, length - at);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** Stops decompressing (if still going), waits until the whole file has been hashed. */
    void finish() throws IOException, InterruptedException {
        cancelled = true;
        full.clear();
        lengths.clear();
        thread.join();
        if (ioFailure != null) {
            throw ioFailure;
        }
    }

    @Override
    public void close() {
        cancelled = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            decompressed.close();
        } catch (IOException | RuntimeException e) {
            // only native memory to give back
        }
    }
}
