package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackException;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackState;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackStateJson;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingStateJson;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Where an {@code autoRollback} keeps what a controller restart must find, in the build's folder:
 * {@code autoRollback/<key>.state.json} (its {@link RollbackState}, rewritten after every change) and
 * {@code autoRollback/<body start>.verification.json} (the spec of the body's last {@code verifyStability}, which a
 * re-verification repeats; written by that step, keyed by the body start it reads from its
 * {@link AutoRollbackContext}).
 *
 * <p>Files rather than the execution's serialized fields: the rollback runs on a background thread and must save
 * before each action starts (so that a restart knows it was running); a file written and renamed there is on disk
 * when the call returns, while {@code StepContext.saveState()} only asks the CPS VM thread to save the program some
 * time later. Each write goes to a temporary file first and is renamed into place, so a crash leaves the old state or
 * the new one, never half of one.
 */
final class AutoRollbackStore {
    static final String FOLDER = "autoRollback";

    private final Path folder;

    AutoRollbackStore(File buildDir) {
        this.folder = buildDir.toPath().resolve(FOLDER);
    }

    void save(String key, RollbackState state) throws IOException {
        write(folder.resolve(key + ".state.json"), RollbackStateJson.write(state));
    }

    /** The state saved last; {@code null} when none was saved. */
    @CheckForNull
    RollbackState read(String key) throws IOException {
        Path file = folder.resolve(key + ".state.json");
        String json = readOrNull(file);
        if (json == null) {
            return null;
        }
        try {
            return RollbackStateJson.read(json, file.toString());
        } catch (RollbackException e) {
            throw new AbortException(EngineMessages.of(e));
        }
    }

    /** Called by {@code verifyStability} inside the body: the checks a re-verification repeats. */
    void saveVerification(Instant bodyStart, VerificationSpec spec) throws IOException {
        write(verificationFile(bodyStart), SamplingStateJson.write(SamplingState.initial(spec, bodyStart)));
    }

    /** The spec of the body's last {@code verifyStability}; {@code null} when the body ran none. */
    @CheckForNull
    VerificationSpec lastVerification(Instant bodyStart) throws IOException {
        String json = readOrNull(verificationFile(bodyStart));
        if (json == null) {
            return null;
        }
        try {
            return SamplingStateJson.read(json).spec();
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.AutoRollbackStep_VerificationUnreadable(EngineMessages.of(e)));
        }
    }

    private Path verificationFile(Instant bodyStart) {
        return folder.resolve(bodyStart.getEpochSecond() + "-" + bodyStart.getNano() + ".verification.json");
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(folder);
        Path temporary = folder.resolve("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @CheckForNull
    private static String readOrNull(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
