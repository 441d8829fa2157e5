package io.jenkins.plugins.releaseplaybook.engine.support;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * The outcome of a connection test against one endpoint ("Test connection" in the configuration,
 * and the pre-flight check of the steps).
 *
 * @param ok whether the endpoint answered as expected
 * @param endpoint the base URL that was checked
 * @param message what was found, worded for a person; never contains a secret
 */
public record ProbeResult(boolean ok, URI endpoint, String message) implements Serializable {

    public ProbeResult {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(message, "message");
    }

    public static ProbeResult ok(URI endpoint, String message) {
        return new ProbeResult(true, endpoint, message);
    }

    public static ProbeResult failed(URI endpoint, String message) {
        return new ProbeResult(false, endpoint, message);
    }
}
