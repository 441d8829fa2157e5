package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.AssumptionViolatedException;

/**
 * The rule for integration tests whose real server or browser is not installed: skip with a message that
 * says what is missing (so a build on ci.jenkins.io, which has none of them, stays green), unless the
 * system property {@value #REQUIRED_PROPERTY} is {@code true}, as {@code .ci/run} sets it, in which case a
 * missing binary is a failure and the tests can never be skipped silently.
 */
public final class RequiredBinary {
    public static final String REQUIRED_PROPERTY = "releaseplaybook.it.required";

    private RequiredBinary() {}

    /**
     * Returns if {@code binary} is executable; otherwise fails or skips the calling test.
     *
     * @param name what the binary is, for the message ("Prometheus")
     * @param debianPackage the Debian package that installs it
     */
    public static void require(String name, Path binary, String debianPackage) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String missing = name + " is not installed: " + binary + " is missing or not executable."
                + " Install the Debian package '" + debianPackage + "' (apt-get install -y " + debianPackage
                + "); .ci/run does this";
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            throw new IllegalStateException(missing + ". " + REQUIRED_PROPERTY
                    + "=true says the integration tests must run here, so this is a failure, not a skip.");
        }
        String skip = "Skipped: " + missing + ". Set -D" + REQUIRED_PROPERTY + "=true to make this a failure.";
        System.err.println(skip);
        throw new AssumptionViolatedException(skip);
    }
}
