package io.jenkins.plugins.releaseplaybook.engine.backup;

/** What an archive entry is. Hard links, devices and FIFOs are never written, and refused when read. */
public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK,
    /** A command's standard output, stored as a regular file under {@link BackupLayout#DUMPS_PREFIX}. */
    DUMP
}
