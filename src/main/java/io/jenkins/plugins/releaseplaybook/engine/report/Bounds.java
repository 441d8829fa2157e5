package io.jenkins.plugins.releaseplaybook.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a report may hold, enforced where its records are made (so also when one is read): every stored text and
 * every list has a size limit far below what the JSON reader accepts (Jackson refuses strings over 20,000,000
 * characters and nesting over 1,000 levels), so that the engine never writes a report it cannot read back. A text
 * over its limit keeps its head and says how long it was; a list over its limit keeps its first entries. Stored
 * texts are also made safe to show: lone surrogates become U+FFFD (they cannot be written as UTF-8) and URLs lose
 * their user-info part (credentials). The limits are stated in {@code docs/report.md}.
 */
final class Bounds {
    /** Messages, comments, queries, trail lines: the longest texts a report keeps (UTF-16 units). */
    static final int TEXT = 16_384;
    /** Names, ids, hosts, paths, matchers, hashes, URLs. */
    static final int NAME = 2_048;
    /** Entries of a list of texts (owners, paths, matchers, suppressed alerts, trail lines...). */
    static final int TEXTS = 1_000;
    /** Samples of one check: a day's window sampled every 5 s fits. */
    static final int SAMPLES = 20_000;
    /** Stages, checks, silences, backups, gaps, rollback actions...: records of one kind in one list. */
    static final int RECORDS = 1_000;
    /**
     * Distribution cells (targets × artifacts): 10,000 targets × 5 artifacts. Also the most entries of a list with one
     * entry a target (failed targets, host keys trusted on first use).
     */
    static final int CELLS = 50_000;
    /** Arguments of one trail line. */
    static final int ARGS = 64;
    /** Nesting of trail lines in trail lines; deeper lines are kept as their text. */
    static final int DEPTH = 8;

    private Bounds() {}

    /** {@code text} within {@link #TEXT}; {@code null} stays {@code null}. */
    static String text(String text) {
        return bounded(text, TEXT);
    }

    /** {@code text} within {@link #NAME}; {@code null} stays {@code null}. */
    static String name(String text) {
        return bounded(text, NAME);
    }

    /** A required field: refused with its name when missing. */
    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> "the field '" + field + "' is required but missing (null)");
    }

    /** A required text, bounded like {@link #name}. */
    static String requiredName(String text, String field) {
        return name(required(text, field));
    }

    /**
     * At most {@code max} UTF-16 units: a longer text keeps its head, cut between code points, and ends with
     * "… (truncated, N characters)".
     */
    static String bounded(String text, int max) {
        return text == null ? null : cut(Urls.withoutUserInfo(wellFormed(text)), max);
    }

    /** Like {@link #bounded} but URLs are kept as they are: for texts that are parsed back (matchers). */
    static String exact(String text, int max) {
        return text == null ? null : cut(wellFormed(text), max);
    }

    private static String cut(String clean, int max) {
        if (clean.length() <= max) {
            return clean;
        }
        String marker = "… (truncated, " + clean.length() + " characters)";
        int head = max - marker.length();
        if (Character.isHighSurrogate(clean.charAt(head - 1))) {
            head--; // never split a pair: the half would be a lone surrogate
        }
        return clean.substring(0, head) + marker;
    }

    /** Lone surrogates replaced by U+FFFD, so that the text can be written as UTF-8 at all. */
    static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** A list of texts: no null entry, each bounded, at most {@link #TEXTS} entries (the last says how many more). */
    static List<String> texts(List<String> list, String field, int maxLength) {
        return texts(list, field, maxLength, TEXTS, true);
    }

    /** Like {@link #texts} with at most {@code maxEntries} entries (the last says how many more). */
    static List<String> texts(List<String> list, String field, int maxLength, int maxEntries) {
        return texts(list, field, maxLength, maxEntries, true);
    }

    /** Like {@link #texts} with URLs kept as they are (see {@link #exact}). */
    static List<String> exactTexts(List<String> list, String field, int maxLength) {
        return texts(list, field, maxLength, TEXTS, false);
    }

    private static List<String> texts(List<String> list, String field, int maxLength, int maxEntries,
            boolean scrubUrls) {
        List<String> copy = Lists.copy(list, field);
        List<String> out = new ArrayList<>(Math.min(copy.size(), maxEntries));
        for (String entry : copy) {
            if (out.size() == maxEntries - 1 && copy.size() > maxEntries) {
                out.add(omitted(copy.size() - out.size()));
                break;
            }
            out.add(scrubUrls ? bounded(entry, maxLength) : exact(entry, maxLength));
        }
        return List.copyOf(out);
    }

    /** The text that ends a list of texts that was too long. */
    static String omitted(int entries) {
        return "… (truncated, " + entries + " more entries)";
    }

    /** A list of records: no null entry, at most {@code max} (the first ones: later ones are not kept). */
    static <T> List<T> records(List<T> list, String field, int max) {
        List<T> copy = Lists.copy(list, field);
        return copy.size() <= max ? copy : List.copyOf(copy.subList(0, max));
    }

    /** A list whose entries are bounded by {@code bound}, with an entry of its own for what was left out. */
    static <T> List<T> withMarker(List<T> list, String field, int max, Function<Integer, T> marker) {
        List<T> copy = Lists.copy(list, field);
        if (copy.size() <= max) {
            return copy;
        }
        List<T> out = new ArrayList<>(copy.subList(0, max - 1));
        out.add(marker.apply(copy.size() - (max - 1)));
        return List.copyOf(out);
    }
}
