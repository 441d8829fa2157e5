package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The rules behind the plugin's rollback actions: command lines, job parameters, restore placement, outcomes. */
public class ActionRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aJobParameterWhoseNameSaysSecretIsMaskedWhereTheActionIsDescribed() throws RollbackException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("VERSION", "1.4");
        parameters.put("DB_PASSWORD", "hunter2");
        parameters.put("apiToken", "t0k");
        assertThat(RollbackAction.job("deploy", parameters).describe())
                .isEqualTo("job deploy (VERSION=1.4, DB_PASSWORD=****, apiToken=****)");
    }

    @Test
    public void theCommandIsOneShellArgumentOnUnixAndOnWindows() {
        assertThat(CommandAction.commandLine("./deploy.sh --previous && echo 'done'", true))
                .containsExactly("sh", "-c", "./deploy.sh --previous && echo 'done'");
        assertThat(CommandAction.commandLine("deploy.bat --previous", false))
                .containsExactly("cmd", "/c", "deploy.bat --previous");
    }

    @Test
    public void theShellSeesPipesQuotesAndExitCodesAsWritten() throws IOException, InterruptedException {
        Path dir = temp.newFolder().toPath();
        String command = "printf '%s\\n' \"a b\" | tr a-z A-Z > out.txt && exit 3";
        Process process = new ProcessBuilder(CommandAction.commandLine(command, true)).directory(dir.toFile())
                .redirectErrorStream(true).start();
        int code = process.waitFor();
        assertThat(code).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).isEqualTo("A B\n");
        ActionResult result = CommandAction.exited(command, code);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).contains("exit code 3").contains(command);
    }

    @Test
    public void onlyExitCodeZeroSucceeds() {
        assertThat(CommandAction.exited("true", 0).succeeded()).isTrue();
        assertThat(CommandAction.exited("x", 1).succeeded()).isFalse();
        assertThat(CommandAction.exited("x", -1).message()).contains("exit code -1");
        assertThat(CommandAction.exited("x", 255).message()).contains("exit code 255");
    }

    @Test
    public void aCommandWithoutANodeSaysWhereToPutTheStep() {
        ActionResult result = CommandAction.withoutNode("./deploy.sh --previous");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).contains("./deploy.sh --previous").contains("put autoRollback inside node { }");
    }

    @Test
    public void parametersTheJobDefinesAreAccepted() {
        List<JobAction.Definition> defined = List.of(new JobAction.Definition("VERSION", true),
                new JobAction.Definition("DRY_RUN", true), new JobAction.Definition("BUNDLE", false));
        assertThat(JobAction.refusal("deploy", Map.of("VERSION", "1.4.1", "DRY_RUN", "false"), defined)).isEmpty();
        assertThat(JobAction.refusal("deploy", Map.of(), defined)).as("the rest take their defaults").isEmpty();
    }

    @Test
    public void unknownParametersAreRefusedByNameWithWhatTheJobHas() {
        List<JobAction.Definition> defined = List.of(new JobAction.Definition("VERSION", true),
                new JobAction.Definition("REGION", true));
        Map<String, String> given = new LinkedHashMap<>();
        given.put("version", "1.4.1");
        given.put("VERSION", "1.4.1");
        given.put("ZONE", "eu");
        Optional<ActionResult> refusal = JobAction.refusal("team/deploy", given, defined);
        assertThat(refusal).isPresent();
        assertThat(refusal.get().succeeded()).isFalse();
        assertThat(refusal.get().message()).contains("team/deploy has no parameter version, ZONE")
                .contains("it has: VERSION, REGION").contains("case-sensitive");
    }

    @Test
    public void parametersForAJobWithoutParametersAreRefused() {
        Optional<ActionResult> refusal = JobAction.refusal("deploy", Map.of("VERSION", "1"), List.of());
        assertThat(refusal).isPresent();
        assertThat(refusal.get().message()).contains("deploy has no parameters").contains("VERSION");
    }

    @Test
    public void aParameterThatCannotTakeTextIsRefused() {
        Optional<ActionResult> refusal = JobAction.refusal("deploy", Map.of("BUNDLE", "x.zip"),
                List.of(new JobAction.Definition("BUNDLE", false)));
        assertThat(refusal).isPresent();
        assertThat(refusal.get().message()).contains("parameter BUNDLE cannot take a text value");
    }

    @Test
    public void onlyASuccessfulDownstreamBuildSucceeds() {
        ActionResult ok = JobAction.finished("deploy", 7, "http://ci/job/deploy/7/", "SUCCESS");
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.message()).isEqualTo("deploy #7 succeeded: http://ci/job/deploy/7/");
        for (String result : List.of("UNSTABLE", "FAILURE", "ABORTED", "NOT_BUILT")) {
            ActionResult failed = JobAction.finished("deploy", 8, "job/deploy/8/", result);
            assertThat(failed.succeeded()).as(result).isFalse();
            assertThat(failed.message()).isEqualTo("deploy #8 ended " + result + ": job/deploy/8/");
        }
    }

    @Test
    public void aMissingJobNamesWhereRelativeNamesWereResolved() {
        assertThat(JobAction.notFound("deploy", "team-a").message())
                .contains("no job named \"deploy\"").contains("resolved from team-a");
        assertThat(JobAction.notFound("deploy", "").message()).contains("resolved from /");
        assertThat(JobAction.noPermission("team-a/deploy", "alice").message())
                .contains("alice may not build team-a/deploy").contains("Job/Build");
        assertThat(JobAction.badValue("deploy", "MODE", "fast", "Illegal choice").message())
                .contains("parameter MODE does not accept \"fast\": Illegal choice");
    }

    @Test
    public void theScheduledLineListsTheParametersInTheOrderGiven() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("VERSION", "1.4.1");
        parameters.put("MODE", "rollback");
        assertThat(JobAction.scheduled("deploy", parameters).english())
                .isEqualTo("triggered deploy with VERSION=1.4.1, MODE=rollback, waiting for it");
        assertThat(JobAction.scheduled("deploy", Map.of()).english()).isEqualTo("triggered deploy, waiting for it");
    }

    @Test
    public void aRestoreFindsThisBuildsLatestRecordOfTheId() {
        BackupRecord first = backup("checkout-20261201T095500Z-a1b2c3", "agent-1");
        BackupRecord other = backup("checkout-20261201T095600Z-d4e5f6", "agent-1");
        assertThat(RestoreAction.recordOf(other.id(), List.of(first, other))).contains(other);
        assertThat(RestoreAction.recordOf("checkout-20261130T095500Z-000000", List.of(first, other))).isEmpty();
    }

    @Test
    public void aRestoreOnAnotherNodeThanTheBackupsIsRefused() {
        BackupRecord backup = backup("checkout-20261201T095500Z-a1b2c3", "agent-1");
        assertThat(RestoreAction.wrongNode(Optional.of(backup), "agent-1")).isEmpty();
        assertThat(RestoreAction.wrongNode(Optional.empty(), "agent-2")).as("another build's id: unknown node").isEmpty();
        Optional<ActionResult> refused = RestoreAction.wrongNode(Optional.of(backup), "agent-2");
        assertThat(refused).isPresent();
        assertThat(refused.get().message()).contains("was written on agent-1, but this rollback runs on agent-2")
                .contains("node('agent-1') { }");
    }

    @Test
    public void restoreOutcomesSayWhatWasPutBack() {
        ActionResult done = RestoreAction.restored("checkout-20261201T095500Z-a1b2c3", "built-in", 2, 1, 14, 2048);
        assertThat(done.succeeded()).isTrue();
        assertThat(done.message()).isEqualTo("restored checkout-20261201T095500Z-a1b2c3 on built-in: 2 path(s), 1 of"
                + " them replaced; 14 files, 2048 bytes");
        assertThat(RestoreAction.failed("x-1", "checksum mismatch").succeeded()).isFalse();
        assertThat(RestoreAction.withoutNode("checkout").message()).contains("put autoRollback inside node { }");
    }

    private static BackupRecord backup(String id, String node) {
        return new BackupRecord(id, "checkout", node, "/var/backups/checkout/" + id + ".tar.zst",
                "0".repeat(64), 3, 100, true, T0, List.of("/opt/checkout"));
    }
}
