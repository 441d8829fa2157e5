package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class ReleasePlanSpecTest {
    private static final BuildRef BUILD = new BuildRef("shop/checkout", 7, null);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    public void acceptsAFullPlanAndTrimsValues() throws Exception {
        ReleaseHeader header = new ReleasePlanSpec(" checkout ", " 1.4.2", "HIGH", List.of(" a@example.com "),
                List.of("api"), true).toHeader(BUILD, NOW);

        assertThat(header.service()).isEqualTo("checkout");
        assertThat(header.version()).isEqualTo("1.4.2");
        assertThat(header.risk()).isEqualTo(Risk.HIGH);
        assertThat(header.owners()).containsExactly("a@example.com");
        assertThat(header.scope()).containsExactly("api");
        assertThat(header.drill()).isTrue();
        assertThat(header.build()).isEqualTo(BUILD);
        assertThat(header.plannedAt()).isEqualTo(NOW);
    }

    @Test
    public void defaultsRiskToMediumAndListsToEmpty() throws Exception {
        ReleaseHeader header = new ReleasePlanSpec("checkout", null, null, null, null, false).toHeader(BUILD, NOW);

        assertThat(header.risk()).isEqualTo(Risk.MEDIUM);
        assertThat(header.version()).isNull();
        assertThat(header.owners()).isEmpty();
        assertThat(header.scope()).isEmpty();
    }

    @Test
    public void emptyServiceIsRefusedWithAHint() throws Exception {
        assertThatThrownBy(() -> new ReleasePlanSpec("  ", "1", "low", null, null, false).toHeader(BUILD, NOW))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("'service' is required")
                .hasMessageContaining("service: 'checkout'");
    }

    @Test
    public void unknownRiskNamesTheValueAndTheAcceptedOnes() throws Exception {
        assertThatThrownBy(() -> new ReleasePlanSpec("checkout", "1", "extreme", null, null, false).toHeader(BUILD, NOW))
                .hasMessageContaining("'risk' value 'extreme' is unknown")
                .hasMessageContaining("low, medium, high");
    }

    @Test
    public void reportsEveryProblemAtOnce() throws Exception {
        ReportException e = org.junit.Assert.assertThrows(ReportException.class,
                () -> new ReleasePlanSpec("", "1\n2", "huge", Arrays.asList("ok@example.com", " "),
                        List.of("x".repeat(201)), false).toHeader(BUILD, NOW));

        assertThat(e.kind()).isEqualTo(ReportException.Kind.INVALID_PLAN);
        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'version' contains control characters"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'owners' entry 2 is empty"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'scope' entry 1 is 201 characters long"));
    }

    @Test
    public void riskParsingIsCaseInsensitiveAndStrict() throws Exception {
        assertThat(Risk.parse("Low")).isEqualTo(Risk.LOW);
        assertThat(Risk.parse(" medium ")).isEqualTo(Risk.MEDIUM);
        assertThat(Risk.HIGH.label()).isEqualTo("high");
        assertThatThrownBy(() -> Risk.parse(null)).hasMessageContaining("use one of low, medium, high");
        assertThatThrownBy(() -> Risk.parse("hi")).hasMessageContaining("Unknown risk 'hi'");
    }
}
