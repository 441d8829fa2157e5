package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestorePlan.Unit;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Restores a verified backup, atomically per path, never outside its target.
 *
 * <p><b>What it guarantees.</b> Nothing on the target is touched before the whole archive has been read and
 * checked against the manifest: its size and SHA-256, and every entry's name, order, type, size, link target and
 * content SHA-256 (see {@link ArchiveCheck}); absolute names, {@code ..} or empty segments, entries not in the
 * manifest or out of its order, hard links, devices, FIFOs and sparse entries are refused. The archive is read once,
 * each entry extracted into a private staging folder beside its destination (same file system), and only then is
 * each restored path swapped in by renames, the replaced copy kept beside it until every path is in place. If a
 * swap fails or the thread is interrupted, the swaps done are undone and every destination is as it was. Modes
 * (all twelve bits) and modification times come from the manifest; owners are not restored (files belong to the
 * user who restores). Failures are {@link BackupException}s with a {@link Kind}; an interrupt is an
 * {@link InterruptedException}, after the same roll back.
 *
 * <p><b>Links.</b> Symbolic links are restored as links, with their target text as it was. Nothing is ever written
 * through a link: an entry's folder must be a directory entry earlier in the archive (an entry below a link or a
 * file is {@link Kind#HOSTILE}), staged files are created new without following links, and on the way from the
 * target (or from a source, when only a path under it is restored) to a destination an existing link is refused.
 * A link with a relative target must stay inside its source's tree, resolved from its folder and following the
 * archive's own links as the system would ({@code current -> releases/1.2} is fine; {@code a -> ../../etc} is
 * refused). A link with an absolute target ({@code logs -> /var/log/app}) is restored as it is: it names a place on
 * the host that the backup recorded, and since the restore never writes through a link, it cannot make the restore
 * write there ({@code a -> /etc} then {@code a/passwd} is refused, by the rule on folders). A source that is itself a
 * link is restored as that link, whatever it points to.
 *
 * <p><b>Dumps.</b> Command dumps (entries under {@link BackupLayout#DUMPS_PREFIX}) are inputs for the database's own
 * restore tool, so an in-place restore leaves them in the archive and lists them in {@link RestoreResult#changes()};
 * with a {@code target}, each is extracted to {@code <target>/.release-playbook/dumps/<name>}, like any other path.
 *
 * <p><b>Where.</b> In place, each source goes back to the path the manifest lists. With a {@code target}, a source
 * {@code /opt/app} goes to {@code <target>/opt/app}. {@code paths} restricts the restore to some sources or entries
 * under them (absolute paths as on the node, or archive paths such as {@code opt/app/conf}); each is its own atomic
 * unit. A path that is a mount point cannot be swapped by a rename: restore the paths below it instead.
 */
public final class BackupRestorer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupRestorer() {}

    /** Verifies, then restores (or, for a dry run, lists what would change). */
    public static RestoreResult restore(RestoreSpec spec, BackupProgress progress)
            throws BackupException, InterruptedException {
        return restore(spec, progress, Staging.Hook.NONE);
    }

    /** {@link #restore(RestoreSpec, BackupProgress)} with a hook before each swap, for tests. */
    static RestoreResult restore(RestoreSpec spec, BackupProgress progress, Staging.Hook hook)
            throws BackupException, InterruptedException {
        Path manifestFile = path(spec.manifestFile());
        BackupManifest manifest = BackupManifestJson.read(manifestFile);
        Path target = spec.target() == null || spec.target().isBlank() ? null
                : path(spec.target()).toAbsolutePath().normalize();
        RestorePlan plan = RestorePlan.of(manifest, manifestFile, target, spec.paths());
        if (spec.dryRun()) {
            return dryRun(plan, target, progress);
        }
        progress.report(Text.of("backup.restore.progress.start", manifest.id(), plan.archive, plan.units.size()));
        Staging staging = run(plan, target, hook, progress);
        List<String> restored = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        List<String> replaced = staging.replaced();
        for (Unit unit : plan.units) {
            String destination = unit.destination().toString();
            restored.add(destination);
            changes.add((replaced.contains(destination) ? "replaced " : "created ") + destination);
        }
        keptDumps(plan, changes, progress);
        progress.report(Text.of("backup.restore.progress.done", manifest.id(), restored.size(), staging.files(),
                staging.bytes()));
        return new RestoreResult(manifest.id(), restored, replaced, changes, staging.files(), staging.bytes(), false);
    }

    /** Stages, checks, swaps and cleans up; on failure every destination is as it was. */
    private static Staging run(RestorePlan plan, Path target, Staging.Hook hook, BackupProgress progress)
            throws BackupException, InterruptedException {
        ArchiveCheck.checkSize(plan.manifest, plan.archive); // before making anything: a missing or cut archive
        Staging staging = new Staging(plan, target, hook, progress);
        boolean swapped = false;
        try {
            staging.prepare();
            ArchiveCheck.run(plan.manifest, plan.archive, staging);
            staging.finish();
            staging.swap();
            swapped = true;
        } finally {
            if (!swapped) {
                staging.abort();
            }
        }
        staging.commit();
        return staging;
    }

    private static RestoreResult dryRun(RestorePlan plan, Path target, BackupProgress progress)
            throws BackupException, InterruptedException {
        String id = plan.manifest.id();
        progress.report(Text.of("backup.restore.progress.dryRun", id, plan.archive));
        ArchiveCheck.run(plan.manifest, plan.archive, ArchiveCheck.NOTHING);
        Staging.checkWays(plan.units, target);
        List<String> changes = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        for (Unit unit : plan.units) {
            for (ManifestEntry entry : unit.entries()) {
                if (entry.type() == EntryType.FILE || entry.type() == EntryType.DUMP) {
                    files++;
                    bytes += entry.size();
                }
            }
            Path destination = unit.destination();
            if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                changes.add("create " + destination);
                continue;
            }
            Text difference = TreeComparison.firstDifference(destination, unit);
            changes.add(difference == null ? "unchanged " + destination
                    : "replace " + destination + ": " + difference.english());
        }
        keptDumps(plan, changes, progress);
        return new RestoreResult(id, List.of(), List.of(), changes, files, bytes, true);
    }

    private static void keptDumps(RestorePlan plan, List<String> changes, BackupProgress progress) {
        for (ManifestEntry dump : plan.dumpsKept) {
            changes.add("kept " + dump.path() + ": a dump is not restored in place; give a target to extract it");
            progress.report(Text.of("backup.restore.progress.dumpKept", plan.manifest.id(), dump.path()));
        }
    }

    /**
     * Restores every entry into a fresh directory under {@code scratchParent}, compares the result with the
     * manifest (content, modes, links), then deletes it.
     *
     * @throws BackupException {@link BackupException.Kind#CORRUPT} naming the first difference
     */
    public static void testRestore(Path manifestFile, Path scratchParent, BackupProgress progress)
            throws BackupException, InterruptedException {
        BackupManifest manifest = BackupManifestJson.read(manifestFile);
        Path scratch;
        try {
            Files.createDirectories(scratchParent);
            byte[] suffix = new byte[4];
            RANDOM.nextBytes(suffix);
            scratch = scratchParent.toAbsolutePath().normalize()
                    .resolve(".rp-restore-test-" + HexFormat.of().formatHex(suffix));
            RestoreFiles.createPrivateDirectory(scratch);
        } catch (IOException e) {
            throw RestoreFiles.failure(scratchParent, e);
        }
        try {
            RestorePlan plan = RestorePlan.of(manifest, manifestFile, scratch, List.of());
            run(plan, scratch, Staging.Hook.NONE, BackupProgress.NONE);
            Text difference = null;
            for (Unit unit : plan.units) {
                difference = TreeComparison.firstDifference(unit.destination(), unit);
                if (difference != null) {
                    break;
                }
            }
            if (difference == null) {
                difference = TreeComparison.strayInScratch(scratch, plan.units);
            }
            if (difference != null) {
                throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.test.difference", manifest.id(),
                        difference));
            }
            progress.report(Text.of("backup.restore.progress.tested", manifest.id(), manifest.entries().size()));
        } finally {
            try {
                RestoreFiles.deleteTree(scratch);
            } catch (IOException e) {
                progress.report(Text.of("backup.restore.cleanup.failed", manifest.id(), scratch,
                        String.valueOf(e.getMessage())));
            }
        }
    }

    private static Path path(String path) throws BackupException {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new BackupException(Kind.NOT_FOUND, Text.of("backup.manifest.missing", path), e);
        }
    }
}
