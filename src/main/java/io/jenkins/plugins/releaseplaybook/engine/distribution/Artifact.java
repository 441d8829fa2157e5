package io.jenkins.plugins.releaseplaybook.engine.distribution;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One local file to distribute, hashed once.
 *
 * @param name the file name it gets on every target
 * @param localPath the absolute path of the file on the node that runs the distribution
 * @param size its size in bytes
 * @param sha256 its SHA-256, 64 lowercase hex digits
 */
public record Artifact(String name, String localPath, long size, String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Artifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(localPath, "localPath");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    public Path path() {
        return Path.of(localPath);
    }
}
