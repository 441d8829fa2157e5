package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The actions as a Pipeline script writes them: {@code restoreBackup:} (an id or name, or the map {@code releaseBackup}
 * returned), and {@code actions: [[command: '...'], [job: 'deploy', parameters: [VERSION: '1.4.1']]]}, each map one
 * action. Every refusal names the parameter (and the list position) that was wrong.
 */
public final class ActionMaps {
    private static final List<String> KINDS = List.of("restoreBackup", "command", "job");
    private static final Set<String> KEYS = Set.of("restoreBackup", "command", "job", "parameters");

    private ActionMaps() {}

    /** {@code restoreBackup:}: a backup id or name, or the map {@code releaseBackup} returned. */
    public static RollbackAction restoreBackup(Object value) throws RollbackException {
        if (value instanceof CharSequence text) {
            return RollbackAction.restoreBackup(text.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> keyed = new LinkedHashMap<>();
            map.forEach((k, v) -> keyed.put(String.valueOf(k), v));
            return RollbackAction.restoreBackup(keyed);
        }
        throw invalid(Text.of("rollback.plan.restoreBackupType", typeOf(value)));
    }

    /** {@code parameters:} of a job: names to values; each value as its text ({@code true}, {@code 3}). */
    public static Map<String, String> parameters(String where, Object value) throws RollbackException {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(Text.of("rollback.plan.parametersType", where, typeOf(value)));
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        return out;
    }

    /**
     * One map of {@code actions:}, at {@code index} (from 0; messages count from 1): exactly one of
     * {@code restoreBackup}, {@code command} and {@code job}, and {@code parameters} only with {@code job}.
     */
    public static RollbackAction action(Map<?, ?> map, int index) throws RollbackException {
        String where = "actions[" + (index + 1) + "]";
        List<String> kinds = new ArrayList<>();
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!KEYS.contains(name)) {
                throw invalid(Text.of("rollback.plan.actions.unknown", where, name));
            }
            if (KINDS.contains(name)) {
                kinds.add(name);
            }
        }
        if (kinds.isEmpty()) {
            throw invalid(Text.of("rollback.plan.actions.none", where));
        }
        if (kinds.size() > 1) {
            throw invalid(Text.of("rollback.plan.actions.several", where, String.join(", ", kinds)));
        }
        String kind = kinds.get(0);
        if (map.containsKey("parameters") && !kind.equals("job")) {
            throw invalid(Text.of("rollback.plan.parametersWithoutJob", where));
        }
        Object value = map.get(kind);
        return switch (kind) {
            case "restoreBackup" -> restoreBackup(value);
            case "command" -> RollbackAction.command(text(where + ".command", value));
            default -> RollbackAction.job(text(where + ".job", value), parameters(where + ".parameters",
                    map.get("parameters")));
        };
    }

    /** Every map of {@code actions:}, in order. */
    public static List<RollbackAction> actions(List<? extends Map<?, ?>> maps) throws RollbackException {
        List<RollbackAction> out = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            Map<?, ?> map = maps.get(i);
            if (map == null) {
                throw invalid(Text.of("rollback.plan.actions.none", "actions[" + (i + 1) + "]"));
            }
            out.add(action(map, i));
        }
        return out;
    }

    private static String text(String where, Object value) throws RollbackException {
        if (value == null || value instanceof CharSequence) {
            return value == null ? null : value.toString();
        }
        throw invalid(Text.of("rollback.plan.textType", where, typeOf(value)));
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    private static RollbackException invalid(Text text) {
        return new RollbackException(RollbackException.Kind.INVALID_PLAN, text);
    }
}
