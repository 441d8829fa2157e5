package io.jenkins.plugins.releaseplaybook.engine.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The only way report text reaches HTML: every value is escaped here, tags and attribute names are
 * constants of the renderers. Escapes for element content and for quoted attribute values alike, so a
 * value is safe wherever it lands.
 */
final class Html {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Html() {}

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> {
                    // Control characters other than tab/newline have no business in a page; drop them.
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A link when {@code url} is an absolute http(s) URL, else the text alone: no javascript:, data: etc. */
    static String link(String url, String text) {
        if (!isWebUrl(url)) {
            return esc(text);
        }
        return "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\">" + esc(text) + "</a>";
    }

    static boolean isWebUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            return uri.isAbsolute()
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    static String clock(Instant instant) {
        return instant == null ? "" : CLOCK.format(instant);
    }

    /**
     * A PromQL query, escaped, with break opportunities ({@code <wbr>}) after opening brackets, commas and
     * {@code |}: a long query wraps at its operators' edges rather than inside a metric or label name.
     */
    static String query(String query) {
        if (query == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(query.length() + 32);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            out.append(esc(String.valueOf(c)));
            if (c == '(' || c == '{' || c == '[' || c == ',' || c == '|') {
                out.append("<wbr>");
            }
        }
        return out.toString();
    }

    /** Numbers for people: up to four significant digits, no exponent for ordinary magnitudes. */
    static String number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "—";
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs >= 1e7 || abs < 1e-4)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A CSS class name from an enum constant: {@code EXPIRY_FAILED} becomes {@code expiry-failed}. */
    static String cssName(Enum<?> value) {
        return value == null ? "unknown" : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A status as a coloured word: the class from the constant, the word in the reader's language. */
    static String badge(Enum<?> value, ReportLabels labels) {
        return "<span class=\"rp-badge rp-" + cssName(value) + "\">" + esc(labels.word(value)) + "</span>";
    }

    /** Sizes for people, in binary units: {@code 70.0 MiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
