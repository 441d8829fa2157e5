package io.jenkins.plugins.releaseplaybook.steps;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupResult;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code releaseBackup} and {@code releaseRestore} return to the Pipeline: plain JDK values only (strings,
 * longs, booleans, lists of strings), which scripts can use and the program can keep across a restart.
 */
final class BackupMaps {
    private BackupMaps() {}

    /**
     * {@code [id: 'checkout-20261201T104512Z-a1b2c3', name: 'checkout', archive: '/…/x.tar.zst', sha256: '…',
     * files: 1204, bytes: 73400320, verified: true, restoreTested: false, node: 'web-1', destination: '/…',
     * manifest: '/…/x.manifest.json', compression: 'zstd', archiveSize: 21000000, deleted: ['…']]}. The map can be
     * given back as is: {@code releaseRestore(backup: it)}.
     */
    static Map<String, Object> ofBackup(BackupResult result, String node, String destination) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", result.id());
        map.put("name", result.name());
        map.put("archive", result.archive());
        map.put("sha256", result.sha256());
        map.put("files", result.files());
        map.put("bytes", result.bytes());
        map.put("verified", result.verified());
        map.put("restoreTested", result.restoreTested());
        map.put("node", node);
        map.put("destination", destination);
        map.put("manifest", result.manifestFile());
        map.put("compression", result.compression().id());
        map.put("archiveSize", result.archiveSize());
        map.put("deleted", new ArrayList<>(result.deleted()));
        return map;
    }

    /**
     * {@code [id: '…', node: 'web-1', dryRun: false, target: null, restored: ['/etc/checkout'], replaced: […],
     * changes: [], files: 12, bytes: 4096, manifest: '/…'}.
     */
    static Map<String, Object> ofRestore(RestoreResult result, String node, String target, String manifest) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", result.backupId());
        map.put("node", node);
        map.put("dryRun", result.dryRun());
        map.put("target", target);
        map.put("restored", new ArrayList<>(result.restored()));
        map.put("replaced", new ArrayList<>(result.replaced()));
        map.put("changes", new ArrayList<>(result.changes()));
        map.put("files", result.files());
        map.put("bytes", result.bytes());
        map.put("manifest", manifest);
        return map;
    }
}
