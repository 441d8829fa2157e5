package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Test;

/**
 * Every Java block of docs/engine.md's section "Running a silence window" is code that
 * {@link SilenceWindowDocExampleIT} compiles and runs: the block's lines, each stripped and blank ones left out, are a
 * run of the test's lines. A change to either that the other does not follow fails here.
 */
public class SilenceWindowDocExampleTest {
    static final String SECTION = "## Running a silence window";

    @Test
    public void everyJavaBlockOfTheSectionIsInTheDocExampleIT() throws IOException {
        List<List<String>> blocks = javaBlocks(Files.readString(file("docs/engine.md"), StandardCharsets.UTF_8));
        List<String> test = normalized(Files.readString(file("src/test/java/io/jenkins/plugins/releaseplaybook/engine/"
                + "alerting/SilenceWindowDocExampleIT.java"), StandardCharsets.UTF_8).lines().toList());

        assertThat(blocks).as("the open/close example and the kinds example").hasSize(2);
        for (List<String> block : blocks) {
            assertThat(Collections.indexOfSubList(test, block))
                    .as("this block of docs/engine.md is in SilenceWindowDocExampleIT, line for line:%n%s",
                            String.join("\n", block))
                    .isNotNegative();
        }
        assertThat(blocks.get(0)).as("about 20 lines").hasSizeLessThanOrEqualTo(25)
                .anySatisfy(line -> assertThat(line).contains("window.open("))
                .anySatisfy(line -> assertThat(line).contains("window.close("));
    }

    @Test
    public void theSectionIsFoundOnlyUnderItsHeading() {
        String markdown = "## Other\n```java\nother();\n```\n" + SECTION + "\ntext\n```java\n  a();\n\n  b();\n```\n"
                + "```\nnot java\n```\n## Next\n```java\nnext();\n```\n";

        assertThat(javaBlocks(markdown)).containsExactly(List.of("a();", "b();"));
    }

    /** The Java blocks between the section's heading and the next heading of the same level (or the end). */
    static List<List<String>> javaBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        boolean inSection = false;
        List<String> block = null;
        for (String line : markdown.lines().toList()) {
            if (block != null) {
                if (line.strip().equals("```")) {
                    blocks.add(normalized(block));
                    block = null;
                } else {
                    block.add(line);
                }
            } else if (line.startsWith("## ")) {
                inSection = line.strip().equals(SECTION);
            } else if (inSection && line.strip().equals("```java")) {
                block = new ArrayList<>();
            }
        }
        return blocks;
    }

    private static List<String> normalized(List<String> lines) {
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** A file of the repository: the build runs in its root or in {@code engine-only/}. */
    private static Path file(String relative) {
        Path base = Path.of(System.getProperty("basedir", "."));
        for (Path candidate : List.of(base.resolve(relative), base.resolve("..").resolve(relative))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + relative + " under " + base.toAbsolutePath() + " or its parent");
    }
}
