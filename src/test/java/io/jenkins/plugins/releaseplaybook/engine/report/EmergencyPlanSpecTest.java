package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.releaseplaybook.engine.report.ReleasePlanSpec.ContactSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

/** The emergency plan of {@code releasePlan}: validated with every problem named, stored in the header. */
public class EmergencyPlanSpecTest {
    private static final BuildRef BUILD = new BuildRef("shop/checkout", 7, null);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static ReleasePlanSpec plan(List<ContactSpec> contacts, List<String> triggers, String rollbackPlan,
            List<String> notify) {
        return new ReleasePlanSpec("checkout", "1.4.2", "high", List.of("a@example.com"), List.of("api"), false,
                contacts, triggers, rollbackPlan, notify);
    }

    @Test
    public void aFullPlanIsStoredTrimmedWithBlankFieldsAbsent() throws Exception {
        ReleaseHeader header = plan(
                List.of(new ContactSpec(" Li Lei ", " DBA on call ", " +86 10 1234 5678 ", " ", null),
                        new ContactSpec("Han Meimei", null, null, "han@example.com", "@han")),
                List.of(" error ratio above 2% for 5 minutes ", "p99 latency above 800ms"),
                "\r\n1. stop the rollout\r\n2. ./deploy.sh --previous\n",
                List.of(" #checkout-release ", "oncall@example.com")).toHeader(BUILD, NOW);

        EmergencyPlan emergency = header.emergency();
        assertThat(emergency.contacts()).containsExactly(
                new EmergencyPlan.Contact("Li Lei", "DBA on call", "+86 10 1234 5678", null, null),
                new EmergencyPlan.Contact("Han Meimei", null, null, "han@example.com", "@han"));
        assertThat(emergency.triggers()).containsExactly("error ratio above 2% for 5 minutes", "p99 latency above 800ms");
        assertThat(emergency.rollbackPlan()).isEqualTo("1. stop the rollout\n2. ./deploy.sh --previous");
        assertThat(emergency.notifyTo()).containsExactly("#checkout-release", "oncall@example.com");
        assertThat(header.acknowledgement()).isNull();
    }

    @Test
    public void noEmergencyPlanIsNone() throws Exception {
        assertThat(plan(null, null, null, null).toHeader(BUILD, NOW).emergency()).isSameAs(EmergencyPlan.NONE);
        assertThat(plan(List.of(), List.of(), "  \n ", List.of()).toHeader(BUILD, NOW).emergency())
                .isSameAs(EmergencyPlan.NONE);
        assertThat(new ReleasePlanSpec("checkout", null, null, null, null, false).toHeader(BUILD, NOW).emergency())
                .isSameAs(EmergencyPlan.NONE);
    }

    @Test
    public void everyProblemIsListedNamingTheFieldAndTheEntry() {
        ReportException e = assertThrows(ReportException.class, () -> plan(
                Arrays.asList(new ContactSpec("Li Lei", "DBA", "+86 10 1234 5678", null, null),
                        new ContactSpec(" ", "SRE", null, null, null),
                        null,
                        new ContactSpec("Han\nMeimei", null, null, "x".repeat(201), null)),
                Arrays.asList("error ratio above 2%", " ", "y".repeat(1001)),
                "step 1\u0007",
                Arrays.asList("#release", null)).toHeader(BUILD, NOW));

        assertThat(e.kind()).isEqualTo(ReportException.Kind.INVALID_PLAN);
        assertThat(e.problems()).containsExactly(
                "'contacts' entry 2 has no 'name': say who this contact is, e.g. [name: 'Li Lei', role: 'DBA',"
                        + " phone: '+86 10 1234 5678']",
                "'contacts' entry 2 says no way to reach the contact: give at least one of 'phone', 'mail' or 'im'",
                "'contacts' entry 3 is empty: remove it or fill it in",
                "'name' of 'contacts' entry 4 contains control characters (such as a line break); use plain text",
                "'mail' of 'contacts' entry 4 is 201 characters long; at most 200 are allowed",
                "'triggers' entry 2 is empty: remove it or fill it in",
                "'triggers' entry 3 is 1001 characters long; at most 1000 are allowed",
                "'rollbackPlan' contains control characters other than line breaks and tabs; use plain text",
                "'notify' entry 2 is empty: remove it or fill it in");
    }

    @Test
    public void problemsReadInChinese() {
        ReportException e = assertThrows(ReportException.class,
                () -> plan(List.of(new ContactSpec("Li Lei", null, null, null, null)), null, null, null)
                        .toHeader(BUILD, NOW));

        assertThat(e.message(Locale.SIMPLIFIED_CHINESE)).contains("'contacts' \u7684\u7b2c 1 \u9879")
                .contains("'phone'\u3001'mail' \u6216 'im'");
    }

    @Test
    public void tooManyEntriesAreRefused() {
        List<String> many = java.util.Collections.nCopies(101, "#release");

        ReportException e = assertThrows(ReportException.class, () -> plan(null, null, null, many).toHeader(BUILD, NOW));

        assertThat(e.problems()).containsExactly("'notify' has 101 entries; at most 100 are allowed");
    }

    @Test
    public void theEmergencyPlanAndTheAcknowledgementRoundTripThroughJson() throws Exception {
        ReleaseHeader header = plan(List.of(new ContactSpec("Li Lei", "DBA", "+86 10 1234 5678", "li@example.com",
                "@li")), List.of("error ratio above 2%"), "roll back", List.of("#release")).toHeader(BUILD, NOW)
                .withAcknowledgement(new RollbackRecord.Acknowledgement("alice", NOW, "acknowledgeRollbacks"));
        ReleaseReport report = ReleaseReport.empty().withHeader(header);

        ReleaseReport read = ReleaseReportJson.read(new java.io.ByteArrayInputStream(ReleaseReportJson.toBytes(report)),
                "test");

        assertThat(read.header()).isEqualTo(header);
        assertThat(read.schemaVersion()).isEqualTo(5);
    }

    @Test
    public void aHeaderWrittenBeforeTheEmergencyPlanReadsAsNone() throws Exception {
        String json = "{\"schemaVersion\":4,\"header\":{\"service\":\"checkout\",\"version\":\"1\",\"risk\":\"HIGH\","
                + "\"owners\":[],\"scope\":[],\"drill\":false,\"build\":null,\"plannedAt\":\"2026-11-25T10:00:00Z\"}}";

        ReleaseReport read = ReleaseReportJson.read(
                new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "old");

        assertThat(read.header().emergency()).isSameAs(EmergencyPlan.NONE);
        assertThat(read.header().acknowledgement()).isNull();
    }
}
