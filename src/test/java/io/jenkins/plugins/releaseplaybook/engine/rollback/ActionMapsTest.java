package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;

/** autoRollback's action parameters as a script writes them; every refusal names the parameter that was wrong. */
public class ActionMapsTest {
    @Test
    public void eachMapIsOneActionInTheDeclaredOrder() throws Exception {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job", "deploy-checkout");
        job.put("parameters", Map.of("VERSION", "1.4.1"));
        List<RollbackAction> actions = ActionMaps.actions(List.of(
                Map.of("restoreBackup", Map.of("id", "checkout-20261201T104512Z-a1b2c3", "archive", "/b/x.tar.gz")),
                Map.of("command", "./deploy.sh --previous"), job));

        assertThat(actions).extracting(RollbackAction::kind)
                .containsExactly(ActionKind.RESTORE_BACKUP, ActionKind.COMMAND, ActionKind.JOB);
        assertThat(actions.get(0).target()).isEqualTo("checkout-20261201T104512Z-a1b2c3");
        assertThat(actions.get(2).parameters()).containsExactly(Map.entry("VERSION", "1.4.1"));
    }

    @Test
    public void parameterValuesAreTheirText() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("DRY_RUN", true);
        values.put("COUNT", 3);
        values.put("EMPTY", null);
        assertThat(ActionMaps.parameters("parameters", values))
                .containsExactly(Map.entry("DRY_RUN", "true"), Map.entry("COUNT", "3"), Map.entry("EMPTY", ""));
        assertThat(ActionMaps.parameters("parameters", null)).isEmpty();
    }

    @Test
    public void restoreBackupTakesTextOrTheMapReleaseBackupReturned() throws Exception {
        assertThat(ActionMaps.restoreBackup("checkout").target()).isEqualTo("checkout");
        assertThat(ActionMaps.restoreBackup(Map.of("id", "checkout-20261201T104512Z-a1b2c3")).target())
                .isEqualTo("checkout-20261201T104512Z-a1b2c3");
        assertRefused(() -> ActionMaps.restoreBackup(42), "restoreBackup must be a backup id or name");
        assertRefused(() -> ActionMaps.restoreBackup(Map.of("name", "checkout")), "restoreBackup was given a map without an id");
    }

    @Test
    public void badMapsAreRefusedNamingTheirPosition() {
        assertRefused(() -> ActionMaps.actions(List.of(Map.of("command", "ok"), Map.of("cmd", "x"))),
                "actions[2]: unknown key \"cmd\"");
        assertRefused(() -> ActionMaps.actions(List.of(Map.of())), "actions[1] names no action");
        assertRefused(() -> ActionMaps.actions(List.of(Map.of("command", "a", "job", "b"))),
                "actions[1] gives several actions");
        assertRefused(() -> ActionMaps.actions(List.of(Map.of("command", "a", "parameters", Map.of()))),
                "actions[1]: parameters are for a job action");
        assertRefused(() -> ActionMaps.actions(List.of(Map.of("job", "deploy", "parameters", "VERSION=1"))),
                "actions[1].parameters must be a map");
        assertRefused(() -> ActionMaps.actions(List.of(Map.of("command", List.of("a")))), "actions[1].command must be text");
        assertRefused(() -> ActionMaps.actions(List.of(Map.of("command", " "))), "The rollback action command is empty");
    }

    @Test
    public void refusalsAreInChineseToo() {
        assertThatThrownBy(() -> ActionMaps.actions(List.of(Map.of())))
                .isInstanceOfSatisfying(RollbackException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RollbackException.Kind.INVALID_PLAN);
                    assertThat(e.message(Locale.SIMPLIFIED_CHINESE)).startsWith("actions[1] \u6ca1\u6709\u7ed9\u51fa\u52a8\u4f5c");
                });
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertRefused(Call call, String start) {
        assertThatThrownBy(call::run).isInstanceOf(RollbackException.class).hasMessageStartingWith(start);
    }
}
