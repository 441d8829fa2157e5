package io.jenkins.plugins.releaseplaybook.engine.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
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

    /**
     * Escapes {@code text} by code point. What a page cannot carry is replaced: a lone surrogate (no UTF-8 encoder
     * writes it) and the noncharacters such as U+FFFE/U+FFFF become U+FFFD; control characters other than tab and
     * newline, C1 controls included, are dropped.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> {
                    if (Character.isSurrogate((char) c) && c <= 0xFFFF || isNoncharacter(c)) {
                        out.append('\uFFFD');
                    } else if (c >= 0x20 && !(c >= 0x7F && c <= 0x9F) || c == '\t' || c == '\n') {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The value, escaped, or a muted dash when there is none. */
    static String orDash(String text) {
        return text == null ? "<span class=\"rp-muted\">—</span>" : esc(text);
    }

    private static boolean isNoncharacter(int c) {
        return c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;
    }

    /** A link when {@code url} is an absolute http(s) URL, else the text alone: no javascript:, data: etc. */
    static String link(String url, String text) {
        if (!isWebUrl(url)) {
            return esc(text);
        }
        return "<a href=\"" + esc(Urls.withoutUserInfo(url.trim())) + "\" rel=\"noopener noreferrer\">" + esc(text) + "</a>";
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
        return instant == null ? "—" : format(TIME, instant);
    }

    static String clock(Instant instant) {
        return instant == null ? "" : format(CLOCK, instant);
    }

    /** Instants near Instant.MIN/MAX (a damaged file) have no calendar date in UTC: shown in ISO form instead. */
    private static String format(DateTimeFormatter formatter, Instant instant) {
        try {
            return formatter.format(instant);
        } catch (DateTimeException e) {
            return instant.toString();
        }
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
        for (int i = 0; i < query.length(); ) {
            int c = query.codePointAt(i);
            i += Character.charCount(c);
            out.append(esc(Character.toString(c)));
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
