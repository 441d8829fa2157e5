/**
 * Backups a release can trust: one tar archive per backup (optionally gzip or zstd compressed) beside a JSON
 * manifest that lists every entry with its SHA-256, written atomically and verified after writing, restored only
 * after verification and never outside its target.
 *
 * <p>On disk, a destination directory holds one folder per backup name:
 * {@code <destination>/<name>/<id>.tar.zst} and {@code <id>.manifest.json} (see {@link BackupLayout}). A backup is
 * listed only when its manifest exists under its final name, and the manifest is renamed last.
 */
package io.jenkins.plugins.releaseplaybook.engine.backup;
