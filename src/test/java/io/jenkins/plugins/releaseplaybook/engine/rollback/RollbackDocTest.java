package io.jenkins.plugins.releaseplaybook.engine.rollback;

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
 * Keeps the rollback example of the docs real: the fenced Java block under "Running a rollback plan" is, line for line,
 * the method {@link RollbackIT} runs against a real Prometheus. The section is in
 * {@code docs/engine.md}.
 */
public class RollbackDocTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("## Running a rollback plan\n.*?```java\n(.*?)```",
            Pattern.DOTALL);
    private static final String MARKER = "docs/engine.md rollback example";

    @Test
    public void theDocumentedExampleIsTheCodeThatRuns() throws IOException {
        String docs = read("docs/engine.md");
        Matcher block = JAVA_BLOCK.matcher(docs);
        assertThat(block.find()).as("a ```java block under '## Running a rollback plan'").isTrue();
        String documented = block.group(1).strip();

        String test = read("src/test/java/io/jenkins/plugins/releaseplaybook/engine/rollback/RollbackIT.java");
        int begin = test.indexOf("// BEGIN " + MARKER);
        int end = test.indexOf("    // END " + MARKER);
        assertThat(begin).as("the BEGIN marker in RollbackIT").isNotNegative();
        assertThat(end).as("the END marker in RollbackIT").isGreaterThan(begin);
        String code = String.join("\n", test.substring(test.indexOf('\n', begin) + 1, end).lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line).toList()).strip();

        assertThat(documented).as("the docs and RollbackIT must show the same code").isEqualTo(code);
        assertThat(documented.lines().count()).as("about 20 lines").isLessThanOrEqualTo(22);
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
