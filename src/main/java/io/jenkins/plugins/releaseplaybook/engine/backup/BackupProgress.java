package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;

/**
 * Where long backup work reports how far it is (the build log in the plugin). Lines come at most every few seconds
 * ("backup checkout: 1,204 files, 312 MB, 95 MB/s"), plus one at the end of each phase.
 */
@FunctionalInterface
public interface BackupProgress {
    BackupProgress NONE = line -> {};

    void report(Text line);
}
