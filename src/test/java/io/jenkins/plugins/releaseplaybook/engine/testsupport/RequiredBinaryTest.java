package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.After;
import org.junit.AssumptionViolatedException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RequiredBinaryTest {
    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final String before = System.getProperty(RequiredBinary.REQUIRED_PROPERTY);

    @After
    public void restoreProperty() {
        if (before == null) {
            System.clearProperty(RequiredBinary.REQUIRED_PROPERTY);
        } else {
            System.setProperty(RequiredBinary.REQUIRED_PROPERTY, before);
        }
    }

    @Test
    public void anExecutableBinaryPasses() throws Exception {
        Path binary = temp.newFile("server").toPath();
        binary.toFile().setExecutable(true);
        System.setProperty(RequiredBinary.REQUIRED_PROPERTY, "true");

        assertThatCode(() -> RequiredBinary.require("Server", binary, "server")).doesNotThrowAnyException();
    }

    @Test
    public void aMissingBinarySkipsWhenNotRequired() {
        System.clearProperty(RequiredBinary.REQUIRED_PROPERTY);
        Path missing = temp.getRoot().toPath().resolve("absent");

        assertThatThrownBy(() -> RequiredBinary.require("Prometheus", missing, "prometheus"))
                .isInstanceOf(AssumptionViolatedException.class)
                .hasMessageContaining("Prometheus is not installed")
                .hasMessageContaining("apt-get install -y prometheus")
                .hasMessageContaining("-Dreleaseplaybook.it.required=true");
    }

    @Test
    public void aMissingBinaryFailsWhenRequired() throws Exception {
        System.setProperty(RequiredBinary.REQUIRED_PROPERTY, "true");
        Path notExecutable = temp.newFile("alertmanager").toPath();
        Files.writeString(notExecutable, "#!/bin/sh\n");

        assertThatThrownBy(() -> RequiredBinary.require("Alertmanager", notExecutable, "prometheus-alertmanager"))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(AssumptionViolatedException.class)
                .hasMessageContaining("Alertmanager is not installed")
                .hasMessageContaining("must run here");
    }
}
