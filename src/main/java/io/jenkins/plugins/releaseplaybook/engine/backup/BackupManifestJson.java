package io.jenkins.plugins.releaseplaybook.engine.backup;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The manifest's JSON form. Unknown fields are ignored (a newer engine may add some); a newer schema version, a
 * missing required field or a broken file is refused as {@link BackupException.Kind#CORRUPT} naming the file.
 */
public final class BackupManifestJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private BackupManifestJson() {}

    public static void write(BackupManifest manifest, OutputStream out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, manifest);
    }

    public static byte[] toBytes(BackupManifest manifest) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    }

    public static BackupManifest read(Path file) throws BackupException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new BackupException(BackupException.Kind.NOT_FOUND, Text.of("backup.manifest.missing", file), e);
        } catch (IOException e) {
            throw new BackupException(BackupException.Kind.IO, Text.of("backup.manifest.unreadable", file,
                    String.valueOf(e.getMessage())), e);
        }
    }

    /** @param where the file's name for messages */
    public static BackupManifest read(InputStream in, String where) throws BackupException, IOException {
        BackupManifest manifest;
        try {
            manifest = MAPPER.readValue(in, BackupManifest.class);
        } catch (JacksonException e) {
            throw new BackupException(BackupException.Kind.CORRUPT, Text.of("backup.manifest.damaged", where,
                    e.getOriginalMessage()), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a record constructor refused a field
            throw new BackupException(BackupException.Kind.CORRUPT, Text.of("backup.manifest.damaged", where,
                    String.valueOf(e.getMessage())), e);
        }
        if (manifest == null) {
            throw new BackupException(BackupException.Kind.CORRUPT, Text.of("backup.manifest.damaged", where, "empty"));
        }
        if (manifest.schemaVersion() < 1 || manifest.schemaVersion() > BackupManifest.SCHEMA_VERSION) {
            throw new BackupException(BackupException.Kind.CORRUPT, Text.of("backup.manifest.schema", where,
                    manifest.schemaVersion(), BackupManifest.SCHEMA_VERSION));
        }
        return manifest;
    }
}
