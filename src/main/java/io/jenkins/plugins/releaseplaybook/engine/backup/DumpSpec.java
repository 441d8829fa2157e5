package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.Serializable;
import java.util.Objects;

/**
 * A command whose standard output becomes one archive entry, {@code <DUMPS_PREFIX>/<name>}: how databases are
 * backed up ({@code pg_dump -Fc shop}).
 *
 * @param name the entry's file name: one path segment, no {@code /}
 * @param command run by the node's shell ({@code sh -c} on Unix, {@code cmd /c} on Windows)
 */
public record DumpSpec(String name, String command) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DumpSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
    }
}
