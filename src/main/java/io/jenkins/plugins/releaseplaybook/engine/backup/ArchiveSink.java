package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The second stage of the writer's pipeline: the tar stream arrives in 1 MiB chunks through {@link #stream()}
 * from the reading thread, and a thread of its own compresses them, hashes the compressed bytes (the archive's
 * SHA-256) and writes them to the file. Memory is bounded: {@value #CHUNKS} chunks in flight, whatever the tree.
 * A failure on this side (disk full) is handed back to the reading thread at its next write.
 */
final class ArchiveSink implements AutoCloseable {
    static final int CHUNK = 1 << 20;
    static final int CHUNKS = 4;
    private static final byte[] END = new byte[0];

    private final Path file;
    private final FileChannel channel;
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS + 1);
    /** Chunk lengths, parallel to {@link #full}. */
    private final BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final MessageDigest digest = Codecs.sha256();
    private final Thread thread;
    private final Producer producer = new Producer();
    private volatile IOException failure;
    private volatile RuntimeException bug;
    private long size;
    private boolean finished;

    ArchiveSink(Path file, Compression compression, int zstdWorkers) throws IOException, BackupException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream compressed;
        try {
            compressed = Codecs.compress(compression, new HashingChannelOutput(), zstdWorkers);
        } catch (IOException | BackupException | RuntimeException e) {
            channel.close();
            throw e;
        }
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        OutputStream target = compressed;
        thread = new Thread(() -> drain(target), "release-playbook backup compressor " + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Where the tar stream goes; not thread-safe, one writer. */
    OutputStream stream() {
        return producer;
    }

    /** The destination file's failure, if the compressing side has failed. */
    IOException failure() {
        return failure;
    }

    /**
     * Flushes the last chunk, ends the compressed stream and closes the file; {@link BackgroundSync} forces it to
     * disk while the verifier reads it back.
     *
     * @return the archive's SHA-256
     */
    String finish() throws IOException, InterruptedException {
        producer.flushChunk();
        put(END, 0);
        thread.join();
        rethrow();
        channel.close();
        finished = true;
        return Codecs.hex(digest.digest());
    }

    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    /** Stops the compressing thread and closes the file; the caller deletes it. */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the file is deleted next; nothing to keep
        }
    }

    private void rethrow() throws IOException {
        if (failure != null) {
            throw new SinkFailure(failure);
        }
        if (bug != null) {
            throw bug;
        }
    }

    private void put(byte[] chunk, int length) throws IOException, InterruptedException {
        // never block forever on a dead consumer
        while (!full.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            rethrow();
            if (!thread.isAlive()) {
                throw new IOException("the compressing thread stopped");
            }
        }
        lengths.put(length);
        rethrow();
    }

    private void drain(OutputStream compressed) {
        try {
            while (true) {
                byte[] chunk = full.take();
                int length = lengths.take();
                if (chunk == END) {
                    compressed.close();
                    return;
                }
                compressed.write(chunk, 0, length);
                free.put(chunk);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("compression stopped");
        } catch (RuntimeException e) {
            bug = e;
        }
    }

    /** The reading thread's end of the pipe. */
    private final class Producer extends OutputStream {
        private byte[] chunk;
        private int used;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (chunk == null) {
                    chunk = take();
                    used = 0;
                }
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == CHUNK) {
                    flushChunk();
                }
            }
        }

        void flushChunk() throws IOException {
            if (chunk == null || used == 0) {
                return;
            }
            try {
                put(chunk, used);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("backup interrupted");
            }
            chunk = null;
            used = 0;
        }

        private byte[] take() throws IOException {
            try {
                byte[] next;
                while ((next = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                    rethrow();
                    if (!thread.isAlive()) {
                        throw new IOException("the compressing thread stopped");
                    }
                }
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("backup interrupted");
            }
        }

        @Override
        public void flush() {
            // chunks go on when full or at finish(); the tar writer's flushes mean nothing here
        }

        @Override
        public void close() {
            // finish() ends the stream
        }
    }

    /** The compressed bytes: hashed, counted and written to the file. */
    private final class HashingChannelOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            size += len;
        }
    }

    /** A failure of the destination file, seen from the reading side. */
    static final class SinkFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SinkFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
