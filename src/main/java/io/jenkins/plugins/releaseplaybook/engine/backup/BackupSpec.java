package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code releaseBackup} asked for, with every path already absolute on the node that runs it. Built with
 * {@link #builder(String)}; the writer validates it (name, sources, globs) and refuses it as
 * {@link BackupException.Kind#INVALID_SPEC}.
 *
 * @param name the backup's name: letters, digits, {@code . _ -}, 1 to 64 characters, not starting with a dot
 * @param sources absolute paths of files or directories to archive, in order
 * @param excludes globs matched against each entry's path relative to its source ({@code **}{@code /*.log})
 * @param destination the directory that holds {@code <name>/} folders of backups
 * @param keep how many backups of this name to keep after writing (the new one included); 0 keeps all
 * @param testRestore restore into a scratch directory after writing and compare with the manifest
 * @param workDirectory where dump commands run (the workspace), {@code null} for the JVM's working directory
 */
public record BackupSpec(
        String name,
        List<String> sources,
        List<String> excludes,
        List<DumpSpec> dumps,
        String destination,
        Compression compression,
        int keep,
        boolean testRestore,
        String workDirectory)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_KEEP = 5;

    public BackupSpec {
        Objects.requireNonNull(name, "name");
        sources = List.copyOf(sources);
        excludes = List.copyOf(excludes);
        dumps = List.copyOf(dumps);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(compression, "compression");
    }

    public Path destinationPath() {
        return Path.of(destination);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The documented way to make a spec. */
    public static final class Builder {
        private final String name;
        private final List<String> sources = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private final List<DumpSpec> dumps = new ArrayList<>();
        private String destination;
        private Compression compression = Compression.DEFAULT;
        private int keep = DEFAULT_KEEP;
        private boolean testRestore;
        private String workDirectory;

        private Builder(String name) {
            this.name = name;
        }

        public Builder source(Path path) {
            sources.add(path.toString());
            return this;
        }

        public Builder source(String path) {
            sources.add(path);
            return this;
        }

        public Builder exclude(String glob) {
            excludes.add(glob);
            return this;
        }

        public Builder dump(String dumpName, String command) {
            dumps.add(new DumpSpec(dumpName, command));
            return this;
        }

        public Builder destination(Path directory) {
            this.destination = directory.toString();
            return this;
        }

        public Builder compression(Compression value) {
            this.compression = value;
            return this;
        }

        public Builder keep(int value) {
            this.keep = value;
            return this;
        }

        public Builder testRestore(boolean value) {
            this.testRestore = value;
            return this;
        }

        public Builder workDirectory(Path directory) {
            this.workDirectory = directory == null ? null : directory.toString();
            return this;
        }

        public BackupSpec build() {
            return new BackupSpec(name, sources, excludes, dumps, destination, compression, keep, testRestore,
                    workDirectory);
        }
    }
}
