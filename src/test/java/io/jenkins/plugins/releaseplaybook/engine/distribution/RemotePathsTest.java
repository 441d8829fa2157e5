package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class RemotePathsTest {

    @Test
    public void directoriesAreNormalizedAndMayNotClimb() throws Exception {
        assertThat(RemotePaths.directory("/opt//app/./releases/")).isEqualTo("/opt/app/releases");
        assertThat(RemotePaths.directory("releases/1.2")).isEqualTo("releases/1.2");
        assertThat(RemotePaths.directory("/")).isEqualTo("/");
        assertThat(RemotePaths.directory("./")).isEqualTo(".");
        for (String bad : List.of("", "  ", "/opt/../etc", "..", "a/..", "../a", "a\nb", "a\u0000b")) {
            assertThatThrownBy(() -> RemotePaths.directory(bad)).as(bad).isInstanceOf(DistributionException.class)
                    .extracting(e -> ((DistributionException) e).kind()).isEqualTo(DistributionException.Kind.PATH_REFUSED);
        }
        assertThat(RemotePaths.directory("a..b/c..")).as("dots inside names are fine").isEqualTo("a..b/c..");
    }

    @Test
    public void fileNamesAreSingleNames() throws Exception {
        assertThat(RemotePaths.child("/opt/app", "app.jar")).isEqualTo("/opt/app/app.jar");
        assertThat(RemotePaths.child("/", "app.jar")).isEqualTo("/app.jar");
        for (String bad : List.of("", ".", "..", "a/b", "x\ty", "a".repeat(256))) {
            assertThatThrownBy(() -> RemotePaths.fileName(bad)).as(bad).isInstanceOf(DistributionException.class);
        }
    }

    @Test
    public void temporaryNamesAreHiddenMarkedAndFitTheNameLimit() throws Exception {
        assertThat(RemotePaths.temporary("/opt/app", "app.jar", "a1b2c3")).isEqualTo("/opt/app/.app.jar.a1b2c3.rp-part");
        String longName = "é".repeat(127);
        String temp = RemotePaths.temporary("d", longName, "a1b2c3");
        assertThat(temp.substring(2).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(temp).endsWith(".a1b2c3" + RemotePaths.TEMPORARY_SUFFIX);
    }

    @Test
    public void shellQuotingKeepsOneWord() {
        assertThat(RemotePaths.shellQuote("/opt/it's here/$HOME;rm")).isEqualTo("'/opt/it'\\''s here/$HOME;rm'");
    }
}
