package io.jenkins.plugins.releaseplaybook.engine.distribution;

/**
 * The line kept beside a verified file ({@code .name.rp-sha256}): {@code sha256 size modified-seconds}. A re-run
 * that finds the file with that size and modification time and an artifact of that SHA-256 skips it without hashing
 * it again; anything else (no record, another size or time, a damaged record) is hashed on the target.
 */
record FileRecord(String sha256, long size, long modifiedSeconds) {
    static final int MAX_BYTES = 256;
    private static final FileRecord NONE = new FileRecord("", -1, -1);

    static String of(Artifact artifact, RemoteFile file) {
        return artifact.sha256() + " " + file.size() + " " + file.modifiedSeconds() + "\n";
    }

    static FileRecord parse(String text) {
        if (text == null) {
            return NONE;
        }
        String[] fields = text.strip().split(" ");
        if (fields.length != 3 || !fields[0].matches("[0-9a-f]{64}")) {
            return NONE;
        }
        try {
            return new FileRecord(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]));
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    boolean matches(Artifact artifact, RemoteFile file) {
        return sha256.equals(artifact.sha256()) && size == file.size() && size == artifact.size()
                && modifiedSeconds == file.modifiedSeconds();
    }
}
