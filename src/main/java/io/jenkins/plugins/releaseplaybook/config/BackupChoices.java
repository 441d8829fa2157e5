package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.engine.backup.Compression;

/**
 * The compressions of {@code releaseBackup} with translated names, for Manage Jenkins and the Snippet Generator: the
 * values are the ids scripts, manifests and JCasC files use ({@code none}, {@code gzip}, {@code zstd}). Callers check
 * permissions.
 */
public final class BackupChoices {
    private BackupChoices() {}

    /** The three compressions, the default (zstd) first. */
    public static ListBoxModel compressions() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.BackupChoices_Zstd(), Compression.ZSTD.id());
        items.add(Messages.BackupChoices_Gzip(), Compression.GZIP.id());
        items.add(Messages.BackupChoices_None(), Compression.NONE.id());
        return items;
    }

    /** For a step: first "the administrator's default" (an empty value, naming it), then the three. */
    public static ListBoxModel compressionsOrDefault(@CheckForNull String administratorsDefault) {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.BackupChoices_AdministratorsDefault(administratorsDefault == null
                ? Compression.DEFAULT.id() : administratorsDefault), "");
        items.addAll(compressions());
        return items;
    }
}
