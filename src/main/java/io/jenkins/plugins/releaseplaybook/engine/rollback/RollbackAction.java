package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One declared rollback action. Make one with {@link #restoreBackup(String)}, {@link #restoreBackup(Map)},
 * {@link #command(String)} or {@link #job(String, Map)}; the plan runs them in the declared order.
 *
 * @param target what the action works on: for {@link ActionKind#RESTORE_BACKUP} the backup reference (an id, or a
 *     name meaning the latest backup of that name this build took; see {@link BackupReference}), for
 *     {@link ActionKind#COMMAND} the shell command, for {@link ActionKind#JOB} the job's full name
 * @param parameters the job's parameters, in the order given; empty for the other kinds
 */
public record RollbackAction(ActionKind kind, String target, Map<String, String> parameters) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)pass|secret|token|key|credential");

    public RollbackAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        parameters = parameters == null || parameters.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Restores the backup {@code idOrName}: an id, or a name meaning the latest backup of that name this build took. */
    public static RollbackAction restoreBackup(String idOrName) throws RollbackException {
        return new RollbackAction(ActionKind.RESTORE_BACKUP, required(idOrName, ActionKind.RESTORE_BACKUP), null);
    }

    /** Restores the backup described by the map {@code releaseBackup} returned (its {@code id}). */
    public static RollbackAction restoreBackup(Map<String, ?> releaseBackupResult) throws RollbackException {
        Object id = releaseBackupResult == null ? null : releaseBackupResult.get("id");
        if (!(id instanceof CharSequence)) {
            throw new RollbackException(RollbackException.Kind.INVALID_PLAN, Text.of("rollback.plan.backupMap",
                    String.valueOf(releaseBackupResult == null ? null : releaseBackupResult.keySet())));
        }
        return restoreBackup(id.toString());
    }

    /** Runs {@code command} with the shell on the node, in the workspace, with the build's environment. */
    public static RollbackAction command(String command) throws RollbackException {
        return new RollbackAction(ActionKind.COMMAND, required(command, ActionKind.COMMAND), null);
    }

    /** Triggers the job {@code fullName} with {@code parameters} (may be empty) and waits for it. */
    public static RollbackAction job(String fullName, Map<String, String> parameters) throws RollbackException {
        return new RollbackAction(ActionKind.JOB, required(fullName, ActionKind.JOB), parameters);
    }

    /**
     * {@code restoreBackup checkout-2026...}, {@code command ./deploy.sh --previous}, {@code job deploy (VERSION=1.4)}:
     * for the build log and the report, so a job parameter whose name says it holds a secret (password, secret,
     * token, key, credential) is shown as {@code ****}.
     */
    public String describe() {
        String text = kind.parameter() + " " + target;
        if (!parameters.isEmpty()) {
            StringBuilder list = new StringBuilder();
            parameters.forEach((k, v) -> list.append(list.length() == 0 ? "" : ", ").append(k).append('=')
                    .append(SECRET_NAME.matcher(k).find() ? "****" : v));
            text += " (" + list + ")";
        }
        return text;
    }

    private static String required(String value, ActionKind kind) throws RollbackException {
        if (value == null || value.isBlank()) {
            throw new RollbackException(RollbackException.Kind.INVALID_PLAN,
                    Text.of("rollback.plan.emptyAction", kind.parameter()));
        }
        return value.strip();
    }
}
