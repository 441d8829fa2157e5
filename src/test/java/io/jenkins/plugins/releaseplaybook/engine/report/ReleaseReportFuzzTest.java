package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.Test;

/**
 * Every field of a full report set to null, to a value of the wrong type and to a huge value, one at a time: each
 * variant is either refused at read (naming the file and the field) or it reads, renders in both languages (as a
 * fragment and standalone, strictly encodable as UTF-8), survives every update and is written so that it reads back.
 */
public class ReleaseReportFuzzTest {
    private static final String SOURCE = "fuzz.json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    public void everyFieldNullWrongOrHugeIsRefusedClearlyOrReadsRendersAndUpdates() throws IOException {
        JsonNode sample = plain.readTree(ReleaseReportJson.toBytes(richReport()));
        List<String> failures = new ArrayList<>();
        int[] counts = new int[2];
        walk(sample, "", (path) -> {
            for (Variant variant : variants(sample, path)) {
                String problem = check(variant, counts);
                if (problem != null) {
                    failures.add(path + " = " + variant.name() + ": " + problem);
                }
            }
        });

        assertThat(failures).as("variants that crashed instead of being refused or rendered").isEmpty();
        assertThat(counts[0]).as("variants read").isGreaterThan(100);
        assertThat(counts[1]).as("variants refused").isGreaterThan(50);
    }

    /** A report with every kind of record and field, a gap and a nested trail line included. */
    static ReleaseReport richReport() {
        ReleaseReport report = SampleReports.rolledBackRelease();
        VerificationRecord first = report.verifications().get(0);
        return report.withVerification(new VerificationRecord("again", first.start(), first.end(), Verdict.INCONCLUSIVE,
                first.checks(), List.of(new GapRecord(first.start(), first.end(), 3, GapRecord.Cause.CONTROLLER_RESTART))));
    }

    private record Variant(String name, byte[] json, String field) {}

    private List<Variant> variants(JsonNode sample, String path) {
        JsonNode original = sample.at(path);
        String field = lastField(path);
        List<JsonNode> replacements = new ArrayList<>();
        List<String> names = new ArrayList<>();
        replacements.add(NODES.nullNode());
        names.add("null");
        if (original.isTextual()) {
            replacements.add(NODES.objectNode().put("x", 1));
            names.add("an object");
            replacements.add(NODES.numberNode(12345));
            names.add("a number");
            replacements.add(NODES.textNode("x".repeat(100_000) + "\uD83D\uDE00 https://user:pass@host/ \uD800"));
            names.add("a huge text");
            if (isInstant(original.asText())) {
                replacements.add(NODES.textNode(Instant.MAX.toString()));
                names.add("Instant.MAX");
                replacements.add(NODES.textNode(Instant.MIN.toString()));
                names.add("Instant.MIN");
            }
        } else if (original.isNumber()) {
            replacements.add(NODES.textNode("not a number"));
            names.add("a text");
            replacements.add(NODES.numberNode(1e308));
            names.add("1e308");
            replacements.add(NODES.numberNode(-Double.MAX_VALUE));
            names.add("-MAX_VALUE");
            replacements.add(NODES.numberNode(Long.MIN_VALUE));
            names.add("Long.MIN_VALUE");
        } else if (original.isBoolean()) {
            replacements.add(NODES.textNode("maybe"));
            names.add("a text");
        } else if (original.isObject()) {
            replacements.add(NODES.textNode("text"));
            names.add("a text");
            replacements.add(NODES.arrayNode());
            names.add("an array");
        } else if (original.isArray()) {
            replacements.add(NODES.textNode("text"));
            names.add("a text");
            replacements.add(NODES.objectNode());
            names.add("an object");
            replacements.add(NODES.arrayNode().addNull());
            names.add("[null]");
            if (!original.isEmpty()) {
                ArrayNode huge = NODES.arrayNode();
                for (int i = 0; i <= Math.max(Bounds.RECORDS, Bounds.TEXTS); i++) {
                    huge.add(original.get(0).deepCopy());
                }
                replacements.add(huge);
                names.add("copies of its first entry, one over the limit");
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < replacements.size(); i++) {
            JsonNode copy = sample.deepCopy();
            replace(copy, path, replacements.get(i));
            try {
                variants.add(new Variant(names.get(i), plain.writeValueAsBytes(copy), field));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return variants;
    }

    /** {@code null} when the variant was refused clearly or read and held up, else what went wrong. */
    private String check(Variant variant, int[] counts) {
        ReleaseReport report;
        try {
            report = ReleaseReportJson.read(new ByteArrayInputStream(variant.json()), SOURCE);
        } catch (ReportException e) {
            counts[1]++;
            String message = e.getMessage();
            if (!message.contains(SOURCE) || !message.contains(variant.field())) {
                return "refused without naming the file and the field '" + variant.field() + "': " + message;
            }
            return null;
        } catch (Exception e) {
            return "read threw " + e;
        }
        counts[0]++;
        try {
            holdsUp(report);
            ReleaseReport updated = updateAll(report);
            strictUtf8(ReleaseReportHtml.renderFragment(updated));
            ReleaseReport again = ReleaseReportJson.read(new ByteArrayInputStream(ReleaseReportJson.toBytes(updated)),
                    SOURCE);
            strictUtf8(ReleaseReportHtml.renderStandalone(again, Locale.SIMPLIFIED_CHINESE));
            OpenStages.close(again, StageStatus.ABORTED, Instant.MAX, "closed");
            return null;
        } catch (Exception | StackOverflowError e) {
            StringBuilder where = new StringBuilder(e.toString());
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().contains("releaseplaybook")) {
                    where.append(" at ").append(frame);
                    break;
                }
            }
            return where.toString();
        }
    }

    private static void holdsUp(ReleaseReport report) throws CharacterCodingException {
        for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
            strictUtf8(ReleaseReportHtml.renderFragment(report, locale));
            strictUtf8(ReleaseReportHtml.renderStandalone(report, locale));
        }
    }

    /** Every update a step makes, with records that share ids with what the report holds. */
    static ReleaseReport updateAll(ReleaseReport report) {
        ReleaseReport sample = SampleReports.rolledBackRelease();
        ReleaseReport updated = report.withHeader(sample.header());
        for (StageRecord stage : report.timeline()) {
            updated = updated.withStage(stage);
        }
        updated = updated.withStage(StageRecord.started(StageKind.VERIFY, "more", SampleReports.T0));
        for (BackupRecord backup : report.backups()) {
            updated = updated.withBackup(backup);
        }
        updated = updated.withBackup(sample.backups().get(0));
        for (DistributionRecord distribution : report.distributions()) {
            updated = updated.withDistribution(distribution);
        }
        updated = updated.withDistribution(new DistributionRecord("web9", "app.jar", null, 1, DistributionOutcome.FAILED,
                2, null));
        updated = updated.withDistributionRun(sample.distributionRuns().get(0), sample.distributions());
        updated = updated.withDistributionRun(sample.distributionRuns().get(0), report.distributions());
        for (SilenceRecord silence : report.silences()) {
            updated = updated.withSilence(silence);
        }
        SilenceRecord silence = sample.silences().get(0);
        updated = updated.withSilence(new SilenceRecord("new-id", List.of(silence.id()), silence.matchers(),
                silence.startsAt(), silence.endsAt(), null, null, null, SilenceState.ACTIVE, List.of()));
        updated = updated.withVerification(sample.verifications().get(0));
        updated = updated.withRollback(sample.rollbacks().get(0));
        updated = updated.withChecklist(report.checklist());
        return updated.withChecklist(List.of(new ChecklistItem("x", true, false, null)));
    }

    static void strictUtf8(String page) throws CharacterCodingException {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        encoder.encode(CharBuffer.wrap(page));
    }

    private static void walk(JsonNode node, String path, Consumer<String> visit) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path + "/" + field.getKey();
                visit.accept(child);
                walk(field.getValue(), child, visit);
            }
        } else if (node.isArray()) {
            // The entries of a list share one shape: the first two stand for all (the samples, the stages...).
            for (int i = 0; i < Math.min(2, node.size()); i++) {
                String child = path + "/" + i;
                visit.accept(child);
                walk(node.get(i), child, visit);
            }
        }
    }

    private static void replace(JsonNode root, String path, JsonNode value) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(path.substring(0, cut));
        String last = path.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    /** The nearest field name on the path: {@code /timeline/2} names {@code timeline}. */
    private static String lastField(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].chars().allMatch(Character::isDigit)) {
                return parts[i];
            }
        }
        return "";
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Test
    public void theBriefsExamplesAreRefusedWithTheirField() {
        String distribution = "{\"schemaVersion\":1,\"distributions\":[{\"target\":null,\"artifact\":\"app.jar\","
                + "\"sha256\":\"ab\",\"bytes\":1,\"outcome\":\"UPLOADED\",\"attempts\":1,\"message\":null}]}";
        String backup = "{\"schemaVersion\":1,\"backups\":[{\"id\":null,\"name\":\"b\",\"files\":1,\"bytes\":2,"
                + "\"verified\":true}]}";
        String silence = "{\"schemaVersion\":1,\"silences\":[{\"id\":null,\"matchers\":[\"a=b\"]}]}";
        for (String json : List.of(distribution, backup, silence)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> ReleaseReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                                    SOURCE))
                    .isInstanceOf(ReportException.class)
                    .hasMessageContaining(SOURCE)
                    .hasMessageMatching("(?s).*at (distributions|backups|silences)\\[0\\].*'(target|id)' is required.*");
        }
        String run = "{\"schemaVersion\":4,\"distributionRuns\":[{\"at\":\"2026-11-25T12:00:00Z\",\"transport\":null,"
                + "\"targets\":1,\"succeeded\":1,\"requiredSuccesses\":1,\"bytesSent\":1,\"millis\":1,\"ok\":true}]}";
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ReleaseReportJson.read(new ByteArrayInputStream(run.getBytes(StandardCharsets.UTF_8)), SOURCE))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining(SOURCE)
                .hasMessageMatching("(?s).*at distributionRuns\\[0\\].*'transport' is required.*");
    }

}
