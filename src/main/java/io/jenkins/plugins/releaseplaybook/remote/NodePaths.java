package io.jenkins.plugins.releaseplaybook.remote;

import java.nio.file.Path;

/**
 * Where a step's paths are on the node, resolved there (so with the node's own path syntax): sources and a restore
 * target relative to the workspace; a destination relative to the node's root directory (the agent's remote root
 * directory, {@code JENKINS_HOME} on the controller), because backups must outlive the workspace, which builds and
 * cleanup steps delete freely.
 */
final class NodePaths {
    /** The destination when neither the job nor the administrator gives one, under the node's root directory. */
    static final String DEFAULT_DESTINATION = "release-backups";

    private NodePaths() {}

    static Path inWorkspace(Path workspace, String path) {
        Path given = Path.of(path);
        return (given.isAbsolute() ? given : workspace.resolve(given)).normalize();
    }

    /** {@code null} or blank: {@link #DEFAULT_DESTINATION} under the node's root. */
    static Path destination(String nodeRoot, String destination) {
        String wanted = destination == null || destination.isBlank() ? DEFAULT_DESTINATION : destination.strip();
        Path given = Path.of(wanted);
        return (given.isAbsolute() ? given : Path.of(nodeRoot).resolve(given)).normalize();
    }
}
