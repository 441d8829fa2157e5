package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How risky a release is; the admin policy attaches stricter checklists to higher levels. */
public enum Risk {
    LOW,
    MEDIUM,
    HIGH;

    /** Lower-case name as users write it in a Jenkinsfile. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a risk level as written in a Jenkinsfile (case-insensitive).
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static Risk parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        for (Risk risk : values()) {
            if (risk.label().equalsIgnoreCase(trimmed)) {
                return risk;
            }
        }
        throw new InvalidInputException(Text.of("report.risk.unknown", text, accepted()));
    }

    static String accepted() {
        return Arrays.stream(values()).map(Risk::label).collect(Collectors.joining(", "));
    }
}
