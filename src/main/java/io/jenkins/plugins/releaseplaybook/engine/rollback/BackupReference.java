package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupLayout;
import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;

/**
 * What a {@code restoreBackup} reference means: the id of a backup this build took; else an id of another build's
 * backup (ids are unique); else a backup name, meaning the latest backup of that name this build took.
 */
public final class BackupReference {
    private BackupReference() {}

    /**
     * @param thisBuild the backups in this build's report, in the order they were taken
     * @return the backup id to restore
     * @throws RollbackException {@link RollbackException.Kind#BACKUP_NOT_FOUND} for a name this build took no backup of
     */
    public static String resolve(String reference, List<BackupRecord> thisBuild) throws RollbackException {
        for (BackupRecord backup : thisBuild) {
            if (backup.id().equals(reference)) {
                return reference;
            }
        }
        for (int i = thisBuild.size() - 1; i >= 0; i--) {
            if (reference.equals(thisBuild.get(i).name())) {
                return thisBuild.get(i).id();
            }
        }
        if (BackupLayout.nameOf(reference).isPresent()) {
            return reference;
        }
        throw new RollbackException(RollbackException.Kind.BACKUP_NOT_FOUND,
                Text.of("rollback.backup.notFound", reference, thisBuild.size()));
    }
}
