package io.jenkins.plugins.releaseplaybook.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** Keeps docs/release-gate.md real: its failure example is what the engine says for a plan alone at medium risk. */
public class GateDocTest {
    private static final Pattern FAILURE_BLOCK = Pattern.compile("## When the gate fails\\n.*?```\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    public void theDocumentedFailureIsTheEnginesMessage() throws IOException {
        Matcher block = FAILURE_BLOCK.matcher(read("docs/release-gate.md"));
        assertThat(block.find()).as("the failure example in docs/release-gate.md").isTrue();

        ReleaseReport report = ReleaseReport.empty().withHeader(GateFixtures.header(Risk.MEDIUM,
                List.of("oncall-checkout@example.com"), EmergencyPlan.NONE));
        String message = Checklist.evaluate(PlaybookPolicy.defaults(), new GateInputs(report, null, null, null),
                new ManualClock(GateFixtures.NOW)).message(Locale.ROOT);

        assertThat(block.group(1).strip()).isEqualTo(message);
    }

    private static String read(String relative) throws IOException {
        Path base = Path.of(System.getProperty("basedir", "."));
        for (Path candidate : List.of(base.resolve(relative), base.resolve("..").resolve(relative))) {
            if (Files.isRegularFile(candidate)) {
                return Files.readString(candidate, StandardCharsets.UTF_8);
            }
        }
        throw new IOException("no " + relative + " under " + base.toAbsolutePath() + " or its parent");
    }
}
