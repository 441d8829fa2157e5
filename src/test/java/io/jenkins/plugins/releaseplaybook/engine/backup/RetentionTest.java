package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RetentionTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<Text> lines = new ArrayList<>();

    private BackupResult backup(Path tree, Path destination, int keep, Set<String> protectedIds) throws Exception {
        WriterOptions options = WriterOptions.defaults();
        options.clock = clock;
        clock.advance(Duration.ofMinutes(1));
        return BackupWriter.write(BackupSpec.builder("app").source(tree).keep(keep).destination(destination).build(),
                protectedIds, lines::add, options);
    }

    @Test
    public void keepsTheNewestPerNameAndNeverAProtectedOne() throws Exception {
        Path tree = Files.writeString(temp.newFolder("src").toPath().resolve("a.txt"), "a").getParent();
        Path destination = temp.newFolder("backups").toPath();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(backup(tree, destination, 0, Set.of()).id());
        }
        BackupResult other = BackupWriter.write(BackupSpec.builder("other").source(tree).keep(1)
                .destination(destination).build(), Set.of(), lines::add);

        BackupResult fifth = backup(tree, destination, 2, Set.of(ids.get(0)));

        assertThat(fifth.deleted()).containsExactly(ids.get(2), ids.get(1));
        assertThat(BackupLayout.manifests(destination, "app")).extracting(BackupLayout::idOf)
                .containsExactly(fifth.id(), ids.get(3), ids.get(0));
        assertThat(Path.of(fifth.archive())).exists();
        assertThat(BackupTrees.filesIn(BackupLayout.folder(destination, "app"))).as("archives removed too")
                .hasSize(6);
        assertThat(BackupLayout.manifests(destination, "other")).as("another name is untouched").hasSize(1);
        assertThat(lines).anyMatch(l -> l.english().contains("retention kept " + ids.get(0)));
        assertThat(other.deleted()).isEmpty();
    }

    @Test
    public void neverRemovesTheOneJustWrittenEvenWhenItSortsOlder() throws Exception {
        Path tree = Files.writeString(temp.newFolder("src").toPath().resolve("a.txt"), "a").getParent();
        Path destination = temp.newFolder("backups").toPath();
        String newer = backup(tree, destination, 0, Set.of()).id();
        // a clock set back: the id just written sorts before the existing one
        List<String> deleted = Retention.apply(destination, "app", 1, "app-20000101T000000Z-000000", Set.of(),
                lines::add);
        assertThat(deleted).isEmpty();
        assertThat(BackupLayout.manifests(destination, "app")).extracting(BackupLayout::idOf).containsExactly(newer);
        assertThat(Retention.apply(destination, "app", 0, "x", Set.of(), lines::add)).as("0 keeps all").isEmpty();
    }
}
