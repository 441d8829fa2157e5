package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestorePlan.Unit;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes the units of a plan beside their destinations and puts them in place. Each unit is extracted into a private
 * folder next to its destination ({@code .rp-restore-<tag>-<n>}, same file system, so a rename moves it), then, once
 * the whole archive checked out, every unit is swapped in turn: the old copy is renamed aside
 * ({@code .rp-replaced-<tag>-<n>}), the new one renamed into place. Only when every unit is in place are the old
 * copies removed; when one swap fails, those done are undone in reverse order.
 *
 * <p>Nothing is written through a link: staged files are created new ({@code O_EXCL}, no follow) in folders this
 * class made, and folders on the way from a unit's base to its destination must be real folders.
 */
final class Staging implements ArchiveCheck.EntrySink {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Called before each swap and after each staged entry; tests use it to fail or interrupt a restore midway. */
    @FunctionalInterface
    interface Hook {
        Hook NONE = (index, destination) -> {};

        void beforeSwap(int index, Path destination) throws IOException;

        default void staged(ManifestEntry entry) {}
    }

    private final List<Unit> units;
    private final Path target;
    private final Hook hook;
    private final BackupProgress progress;
    private final String backupId;
    private final String tag;
    private final Map<String, Integer> unitByRoot = new HashMap<>();
    private final List<Path> stagingFolders = new ArrayList<>();
    /** Folders made on the way to a destination, in the order made. */
    private final List<Path> created = new ArrayList<>();
    /** Staged directories and their entries, in archive order, to get their modes and times last. */
    private final List<ManifestEntry> directories = new ArrayList<>();
    private final List<Path> directoryPaths = new ArrayList<>();
    private final List<Path> replacedCopies = new ArrayList<>();
    /** Indexes of the units swapped so far. */
    private final List<Integer> swapped = new ArrayList<>();
    private final List<String> replaced = new ArrayList<>();
    private long files;
    private long bytes;

    Staging(RestorePlan plan, Path target, Hook hook, BackupProgress progress) {
        this.units = plan.units;
        this.target = target;
        this.hook = hook;
        this.progress = progress;
        this.backupId = plan.manifest.id();
        this.tag = HexFormat.of().formatHex(randomBytes());
        for (int i = 0; i < units.size(); i++) {
            unitByRoot.put(units.get(i).root(), i);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Checks what a restore would meet on the way to each destination, writing nothing: a link or a file where a
     * folder must be is refused.
     */
    static void checkWays(List<Unit> units, Path target) throws BackupException {
        if (target != null && Files.exists(target) && !Files.isDirectory(target)) {
            throw new BackupException(Kind.IO, Text.of("backup.restore.target.notDirectory", target, target));
        }
        for (Unit unit : units) {
            if (unit.base() == null) {
                continue;
            }
            Path folder = unit.base();
            for (Path part : unit.base().relativize(unit.destination().getParent())) {
                folder = folder.resolve(part);
                checkFolder(folder, unit.destination());
            }
        }
    }

    /** An existing folder on the way, or none. */
    private static boolean checkFolder(Path folder, Path destination) throws BackupException {
        if (Files.isSymbolicLink(folder)) {
            throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.target.link", folder, destination));
        }
        if (Files.exists(folder, NOFOLLOW) && !Files.isDirectory(folder, NOFOLLOW)) {
            throw new BackupException(Kind.IO, Text.of("backup.restore.target.notDirectory", folder, destination));
        }
        return Files.isDirectory(folder, NOFOLLOW);
    }

    /** Makes the folders on the way and a staging folder beside each destination. */
    void prepare() throws BackupException, InterruptedException {
        checkWays(units, target);
        for (int i = 0; i < units.size(); i++) {
            ArchiveCheck.checkInterrupt();
            Unit unit = units.get(i);
            Path parent = unit.destination().getParent();
            makeFolders(unit, parent);
            Path staging = parent.resolve(".rp-restore-" + tag + "-" + i);
            try {
                RestoreFiles.createPrivateDirectory(staging);
            } catch (IOException e) {
                throw RestoreFiles.failure(staging, e);
            }
            stagingFolders.add(staging);
        }
    }

    private void makeFolders(Unit unit, Path parent) throws BackupException, InterruptedException {
        List<Path> missing = new ArrayList<>();
        Path walk = parent;
        Path base = unit.base();
        while (walk != null && !Files.isDirectory(walk)) {
            if (Files.exists(walk, NOFOLLOW) || Files.isSymbolicLink(walk)) {
                // a file, or a link to nowhere, where a folder must be
                throw new BackupException(Kind.IO, Text.of("backup.restore.target.notDirectory", walk,
                        unit.destination()));
            }
            missing.add(0, walk);
            walk = walk.getParent();
        }
        if (base != null) {
            Path folder = base;
            for (Path part : base.relativize(parent)) {
                folder = folder.resolve(part);
                checkFolder(folder, unit.destination());
            }
        }
        for (Path folder : missing) {
            try {
                Files.createDirectory(folder);
            } catch (IOException e) {
                throw RestoreFiles.failure(folder, e);
            }
            created.add(folder);
        }
    }

    /** Where a unit's top entry is staged. */
    private Path stagedRoot(int unit) {
        return stagingFolders.get(unit).resolve("content");
    }

    private int unitOf(String path) {
        for (String walk = path; walk != null; walk = EntryPaths.parent(walk)) {
            Integer unit = unitByRoot.get(walk);
            if (unit != null) {
                return unit;
            }
        }
        return -1;
    }

    private Path staged(ManifestEntry entry) {
        int unit = unitOf(entry.path());
        String relative = EntryPaths.relative(entry.path(), units.get(unit).root());
        return relative.isEmpty() ? stagedRoot(unit) : EntryPaths.resolve(stagedRoot(unit), relative);
    }

    @Override
    public boolean wants(ManifestEntry entry) {
        return unitOf(entry.path()) >= 0;
    }

    @Override
    public void directory(ManifestEntry entry) throws BackupException, InterruptedException {
        Path path = staged(entry);
        try {
            RestoreFiles.createPrivateDirectory(path); // its own mode comes last, once its children are in
        } catch (IOException e) {
            throw RestoreFiles.failure(path, e);
        }
        directories.add(entry);
        directoryPaths.add(path);
        hook.staged(entry);
    }

    @Override
    public void symlink(ManifestEntry entry) throws BackupException, InterruptedException {
        Path path = staged(entry);
        try {
            Files.createSymbolicLink(path, path.getFileSystem().getPath(entry.linkTarget()));
        } catch (IOException e) {
            throw RestoreFiles.failure(path, e);
        } catch (RuntimeException e) {
            // a target this file system cannot hold (InvalidPathException, UnsupportedOperationException)
            throw new BackupException(Kind.IO, Text.of("backup.restore.write.failed", path,
                    String.valueOf(e.getMessage())), e);
        }
        RestoreFiles.setLinkTime(path, entry.mtime());
        hook.staged(entry);
    }

    @Override
    public OutputStream file(ManifestEntry entry) throws BackupException, InterruptedException {
        Path path = staged(entry);
        try {
            return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw RestoreFiles.failure(path, e);
        }
    }

    @Override
    public void write(ManifestEntry entry, OutputStream out, byte[] buffer, int length)
            throws BackupException, InterruptedException {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw RestoreFiles.failure(staged(entry), e);
        }
    }

    @Override
    public void closeFile(ManifestEntry entry, OutputStream out) throws BackupException, InterruptedException {
        Path path = staged(entry);
        try {
            out.close();
            RestoreFiles.setMode(path, entry.mode());
            RestoreFiles.setTime(path, entry.mtime());
        } catch (IOException e) {
            throw RestoreFiles.failure(path, e);
        }
        files++;
        bytes += entry.size();
        hook.staged(entry);
    }

    /** Gives staged folders their modes and times, deepest first, now that nothing more is written in them. */
    void finish() throws BackupException, InterruptedException {
        for (int i = directories.size() - 1; i >= 0; i--) {
            if (unitByRoot.containsKey(directories.get(i).path())) {
                continue; // a unit's top folder gets its mode once in place: moving a read-only folder may fail
            }
            Path path = directoryPaths.get(i);
            try {
                RestoreFiles.setMode(path, directories.get(i).mode());
                RestoreFiles.setTime(path, directories.get(i).mtime());
            } catch (IOException e) {
                throw RestoreFiles.failure(path, e);
            }
        }
        ArchiveCheck.checkInterrupt();
    }

    /**
     * Puts every unit in place; on any failure (or an interrupt) undoes the swaps done, so every destination is as
     * it was, and throws.
     */
    void swap() throws BackupException, InterruptedException {
        for (int i = 0; i < units.size(); i++) {
            Unit unit = units.get(i);
            Path destination = unit.destination();
            Path copy = destination.resolveSibling(".rp-replaced-" + tag + "-" + i);
            try {
                ArchiveCheck.checkInterrupt();
                hook.beforeSwap(i, destination);
                ArchiveCheck.checkInterrupt();
                if (Files.exists(destination, NOFOLLOW)) {
                    move(destination, copy);
                    replacedCopies.add(copy);
                    replaced.add(destination.toString());
                } else {
                    replacedCopies.add(null);
                }
                swapped.add(i);
                move(stagedRoot(i), destination);
                ManifestEntry top = unit.entries().get(0);
                if (top.type() == EntryType.DIRECTORY) {
                    // moving a folder to another parent needs it writable (its ".." changes), so its mode comes now
                    RestoreFiles.setMode(destination, top.mode());
                    RestoreFiles.setTime(destination, top.mtime());
                }
            } catch (IOException e) {
                BackupException failure = new BackupException(Kind.IO, Text.of("backup.restore.swap.failed",
                        destination, String.valueOf(e.getMessage())), e);
                rollBack(failure);
                throw failure;
            } catch (InterruptedException e) {
                rollBack(e);
                throw e;
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(from + " and " + to + " are not on the same file system (a mount point?)", e);
        }
    }

    /** Undoes the swaps done, newest first. A step that fails is reported and the next one still tried. */
    private void rollBack(Exception cause) {
        boolean interrupted = Thread.interrupted(); // renames are not interruptible, but say it again afterwards
        for (int k = swapped.size() - 1; k >= 0; k--) {
            int i = swapped.get(k);
            Path destination = units.get(i).destination();
            Path copy = replacedCopies.get(k);
            try {
                if (Files.exists(stagingFolders.get(i), NOFOLLOW) && !Files.exists(stagedRoot(i), NOFOLLOW)
                        && Files.exists(destination, NOFOLLOW)) {
                    if (Files.isDirectory(destination, NOFOLLOW)) {
                        RestoreFiles.setMode(destination, 0700); // ours, about to go: writable, so it can move
                    }
                    move(destination, stagedRoot(i));
                }
                if (copy != null && Files.exists(copy, NOFOLLOW)) {
                    move(copy, destination);
                }
            } catch (IOException e) {
                cause.addSuppressed(e);
                progress.report(Text.of("backup.restore.rollback.failed", backupId, destination,
                        String.valueOf(e.getMessage()), copy == null ? "-" : copy));
            }
        }
        swapped.clear();
        replacedCopies.clear();
        replaced.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** After every swap succeeded: removes the replaced copies and the staging folders. */
    void commit() {
        for (Path copy : replacedCopies) {
            if (copy != null) {
                remove(copy);
            }
        }
        for (Path folder : stagingFolders) {
            remove(folder);
        }
    }

    /** After a failure: removes what was staged and the folders made on the way; the destinations are untouched. */
    void abort() {
        boolean interrupted = Thread.interrupted();
        for (Path folder : stagingFolders) {
            remove(folder);
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                // not empty: something else wrote there meanwhile; leave it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void remove(Path path) {
        try {
            RestoreFiles.deleteTree(path);
        } catch (IOException e) {
            progress.report(Text.of("backup.restore.cleanup.failed", backupId, path, String.valueOf(e.getMessage())));
        }
    }

    List<String> replaced() {
        return List.copyOf(replaced);
    }

    long files() {
        return files;
    }

    long bytes() {
        return bytes;
    }
}
