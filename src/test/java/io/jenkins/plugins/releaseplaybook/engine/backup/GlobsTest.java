package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.Test;

public class GlobsTest {
    @Test
    public void doubleStarCrossesSegmentsAndMatchesNoneStarStaysInOne() throws Exception {
        Globs logs = Globs.compile(List.of("**/*.log"));
        assertThat(logs.excludes("a.log")).isTrue();
        assertThat(logs.excludes("x/y/a.log")).isTrue();
        assertThat(logs.excludes("a.log.gz")).isFalse();
        assertThat(logs.excludes("logs")).isFalse();

        Globs top = Globs.compile(List.of("*.tmp", "build", "cache/**", "f?le.[ch]", "[!a]x", "\\*lit"));
        assertThat(top.excludes("a.tmp")).isTrue();
        assertThat(top.excludes("d/a.tmp")).as("* stays in its segment").isFalse();
        assertThat(top.excludes("build")).isTrue();
        assertThat(top.excludes("build/out/x.class")).as("a directory leaves out what it holds").isTrue();
        assertThat(top.excludes("src/build")).isFalse();
        assertThat(top.excludes("cache/a/b")).isTrue();
        assertThat(top.excludes("file.c")).isTrue();
        assertThat(top.excludes("file.o")).isFalse();
        assertThat(top.excludes("bx")).isTrue();
        assertThat(top.excludes("ax")).isFalse();
        assertThat(top.excludes("*lit")).isTrue();
        assertThat(top.excludes("alit")).isFalse();
        assertThat(Globs.compile(List.of("a+b(c)")).excludes("a+b(c)")).as("regex characters are literal").isTrue();
    }

    @Test
    public void aBrokenGlobIsAnInvalidSpec() {
        assertThatThrownBy(() -> Globs.compile(List.of("[abc"))).isInstanceOfSatisfying(BackupException.class,
                e -> assertThat(e.getMessage()).contains("[abc", "without its ]"));
        assertThatThrownBy(() -> Globs.compile(List.of("abc\\"))).isInstanceOf(BackupException.class);
    }
}
