package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ThresholdTextTest {
    private static double parse(String text) throws VerificationException {
        return ThresholdText.parse("error_ratio", "limit", text);
    }

    private static String canonical(String text) throws VerificationException {
        return ThresholdText.canonical("error_ratio", "limit", text);
    }

    @Test
    public void plainNumbersAreTheValue() throws Exception {
        assertThat(parse("0.02")).isEqualTo(0.02);
        assertThat(parse("1")).isEqualTo(1.0);
        assertThat(parse(" 250 ")).isEqualTo(250.0);
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("5.")).isEqualTo(5.0);
        assertThat(parse("-3.5")).isEqualTo(-3.5);
        assertThat(parse("+2")).isEqualTo(2.0);
        assertThat(parse("1e-3")).isEqualTo(0.001);
        assertThat(parse("2.5E2")).isEqualTo(250.0);
    }

    @Test
    public void percentIsAFractionOfOne() throws Exception {
        assertThat(parse("1%")).isEqualTo(0.01);
        assertThat(parse("12.5 %")).isEqualTo(0.125);
        assertThat(parse("100%")).isEqualTo(1.0);
        assertThat(parse("0.1%")).isCloseTo(0.001, within(1e-15));
    }

    @Test
    public void timeUnitsAreSeconds() throws Exception {
        assertThat(parse("500ms")).isEqualTo(0.5);
        assertThat(parse("1.5s")).isEqualTo(1.5);
        assertThat(parse("2m")).isEqualTo(120.0);
        assertThat(parse("1h")).isEqualTo(3600.0);
        assertThat(parse("250us")).isCloseTo(0.00025, within(1e-18));
        assertThat(parse("250µs")).isCloseTo(0.00025, within(1e-18));
        assertThat(parse("40ns")).isCloseTo(4e-8, within(1e-20));
        assertThat(parse("300 MS")).isEqualTo(0.3);
    }

    @Test
    public void byteUnitsAreBytes() throws Exception {
        assertThat(parse("512B")).isEqualTo(512.0);
        assertThat(parse("1.5KB")).isEqualTo(1500.0);
        assertThat(parse("2MB")).isEqualTo(2e6);
        assertThat(parse("1GB")).isEqualTo(1e9);
        assertThat(parse("1TB")).isEqualTo(1e12);
        assertThat(parse("1KiB")).isEqualTo(1024.0);
        assertThat(parse("512MiB")).isEqualTo(512.0 * 1024 * 1024);
        assertThat(parse("2 gib")).isEqualTo(2.0 * 1024 * 1024 * 1024);
        assertThat(parse("1TiB")).isEqualTo(Math.pow(1024, 4));
    }

    @Test
    public void badTextIsRefusedNamingTheCheckTheFieldAndTheValue() throws Exception {
        for (String bad : List.of("", "  ", "abc", "%", "ms", "1.2.3", "0,02", "1 2", "--1", "1e", "NaN", "Infinity",
                "0x10", "1/2")) {
            assertThatThrownBy(() -> parse(bad)).as(bad)
                    .isInstanceOf(VerificationException.class)
                    .hasMessageStartingWith("Check 'error_ratio': limit '" + bad.strip() + "' ");
        }
        assertThatThrownBy(() -> parse("abc")).hasMessageContaining("e.g. '0.02', '1%', '500ms', '1.5s'")
                .extracting(e -> ((VerificationException) e).threshold().orElseThrow().reason()).isEqualTo(ThresholdText.Reason.NOT_A_NUMBER);
        assertThatThrownBy(() -> parse(null)).isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> parse("0,02")).as("a decimal comma is not a unit")
                .extracting(e -> ((VerificationException) e).threshold().orElseThrow().reason()).isEqualTo(ThresholdText.Reason.NOT_A_NUMBER);
    }

    @Test
    public void unknownUnitsAreNamedWithTheChoices() throws Exception {
        assertThatThrownBy(() -> parse("5 parsecs"))
                .isInstanceOf(VerificationException.class)
                .hasMessage("Check 'error_ratio': limit '5 parsecs' has the unknown unit 'parsecs': use one of "
                        + ThresholdText.unitList() + ", or none")
                .satisfies(e -> {
                    VerificationException.BadThreshold problem = ((VerificationException) e).threshold().orElseThrow();
                    assertThat(((VerificationException) e).kind()).isEqualTo(VerificationException.Kind.BAD_THRESHOLD);
                    assertThat(problem.reason()).isEqualTo(ThresholdText.Reason.UNKNOWN_UNIT);
                    assertThat(problem.check()).isEqualTo("error_ratio");
                    assertThat(problem.field()).isEqualTo("limit");
                    assertThat(problem.text()).isEqualTo("5 parsecs");
                });
        assertThat(ThresholdText.unitList()).startsWith("%, ns, us, ms, s, m, h, B, KB").contains("MiB").doesNotContain("µs");
        assertThatThrownBy(() -> parse("5d")).hasMessageContaining("unknown unit 'd'");
    }

    @Test
    public void tooLongAndTooLargeTextsAreRefused() throws Exception {
        String longText = "1".repeat(ThresholdText.MAX_LENGTH + 1);
        assertThatThrownBy(() -> parse(longText)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("longer than 64 characters")
                .extracting(e -> ((VerificationException) e).threshold().orElseThrow().reason()).isEqualTo(ThresholdText.Reason.TOO_LONG);
        assertThatThrownBy(() -> parse("1e999")).hasMessageContaining("too large")
                .extracting(e -> ((VerificationException) e).threshold().orElseThrow().reason()).isEqualTo(ThresholdText.Reason.OUT_OF_RANGE);
    }

    @Test
    public void canonicalTextIsShortAndParsesBackToTheSameValue() throws Exception {
        Map<String, String> expected = Map.ofEntries(
                Map.entry(" 0.020 ", "0.02"),
                Map.entry("1.0", "1"),
                Map.entry("1.50 S", "1.5s"),
                Map.entry("500 ms", "500ms"),
                Map.entry("1 %", "1%"),
                Map.entry("1e-3", "0.001"),
                Map.entry("2.5E2", "250"),
                Map.entry("+2", "2"),
                Map.entry("-0.0", "0"),
                Map.entry("512 mib", "512MiB"),
                Map.entry("250µs", "250us"),
                Map.entry("1e30", "1000000000000000000000000000000"),
                Map.entry("1e300", "1E+300"));
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String text = entry.getKey();
            assertThat(canonical(text)).as(text).isEqualTo(entry.getValue());
            assertThat(parse(canonical(text))).as(text).isEqualTo(parse(text));
            assertThat(canonical(canonical(text))).as(text).isEqualTo(entry.getValue());
        }
    }

    @Test
    public void formatGivesTheTextOfABaseUnitValue() throws Exception {
        assertThat(ThresholdText.format(0.05)).isEqualTo("0.05");
        assertThat(ThresholdText.format(1.0)).isEqualTo("1");
        assertThat(ThresholdText.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(ThresholdText.format(1e-9)).isEqualTo("0.000000001");
        assertThat(ThresholdText.format(-2.5)).isEqualTo("-2.5");
        for (double value : new double[] {0.02, 0.95, 1.5, 123456.789, 1e-12, 3e20}) {
            assertThat(parse(ThresholdText.format(value))).isEqualTo(value);
        }
        assertThatThrownBy(() -> ThresholdText.format(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void textOfTakesWhatGroovyAndDataBindingPass() throws Exception {
        assertThat(ThresholdText.textOf("c", "limit", new BigDecimal("0.02"))).isEqualTo("0.02");
        assertThat(ThresholdText.textOf("c", "limit", new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(ThresholdText.textOf("c", "limit", 1)).isEqualTo("1");
        assertThat(ThresholdText.textOf("c", "limit", 20L)).isEqualTo("20");
        assertThat(ThresholdText.textOf("c", "limit", 0.5d)).isEqualTo("0.5");
        assertThat(ThresholdText.textOf("c", "limit", 0.5f)).isEqualTo("0.5");
        assertThat(ThresholdText.textOf("c", "limit", new java.math.BigInteger("12"))).isEqualTo("12");
        assertThat(ThresholdText.textOf("c", "limit", "500ms")).isEqualTo("500ms");
        assertThat(ThresholdText.textOf("c", "limit", new StringBuilder("1%"))).isEqualTo("1%");
        assertThat(ThresholdText.textOf("c", "limit", null)).isNull();
        assertThatThrownBy(() -> ThresholdText.textOf("latency", "limit", List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Check 'latency': limit must be a number or a text");
    }
}
