package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Keeps the verification example of {@code docs/engine.md} real: the fenced Java block under "Running a verification"
 * is, line for line, the method {@link EngineDocExampleIT} compiles and runs against a real Prometheus.
 */
public class EngineDocTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("## Running a verification\n.*?```java\n(.*?)```",
            Pattern.DOTALL);

    @Test
    public void theDocumentedExampleIsTheCodeThatRuns() throws IOException {
        Matcher block = JAVA_BLOCK.matcher(read("docs/engine.md"));
        assertThat(block.find()).as("a ```java block under '## Running a verification' in docs/engine.md").isTrue();
        String documented = block.group(1).strip();

        String test = read("src/test/java/io/jenkins/plugins/releaseplaybook/engine/verification/EngineDocExampleIT.java");
        int begin = test.indexOf("// BEGIN docs/engine.md example");
        int end = test.indexOf("    // END docs/engine.md example");
        assertThat(begin).as("the BEGIN marker in EngineDocExampleIT").isNotNegative();
        assertThat(end).as("the END marker in EngineDocExampleIT").isGreaterThan(begin);
        String code = String.join("\n", test.substring(test.indexOf('\n', begin) + 1, end).lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line).toList()).strip();

        assertThat(documented).as("docs/engine.md and EngineDocExampleIT must show the same code").isEqualTo(code);
        assertThat(documented.lines().count()).as("about 20 lines").isLessThanOrEqualTo(20);
    }

    @Test
    public void theAlertingSectionHasItsPlace() throws IOException {
        assertThat(read("docs/engine.md")).contains("\n## Running a silence window\n");
    }

    /** A file of the repository: the build runs in the root or in {@code engine-only/}. */
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
