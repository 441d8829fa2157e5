package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers in decision trails: short, exact enough, with the check's unit. */
final class Numbers {
    private Numbers() {}

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs >= 1e9 || abs < 1e-4)) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String withUnit(double value, String unit) {
        return format(value) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    static String percent(double value) {
        return format(value) + "%";
    }

    /**
     * A number someone typed (a limit, a maximum change) as they typed it: {@code 100} stays {@code 100}, not
     * {@code 100.0}, and {@code 1234} stays {@code 1234}, not {@code 1230}.
     */
    static String exact(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String exactWithUnit(double value, String unit) {
        return exact(value) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    static String exactPercent(double value) {
        return exact(value) + "%";
    }
}
