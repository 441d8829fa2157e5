package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of Jenkins item-name patterns, one a line, such as {@code team-a/**} or {@code releases/*-prod}: which jobs
 * an administrator allows to do something. Full names use {@code /} between folders; a pattern matches the whole
 * name:
 * <ul>
 *   <li>{@code *} matches any characters within one path segment (never a {@code /});</li>
 *   <li>{@code **}, as a whole segment, matches any number of segments, none included: {@code team-a/**} matches
 *       {@code team-a} and everything below it, {@code **}{@code /deploy} matches {@code deploy} in any folder;</li>
 *   <li>anything else matches itself, case-sensitively (Jenkins item names are case-sensitive).</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are ignored. No patterns at all means every job: the setting starts
 * empty so that installing or upgrading the plugin changes nothing.
 */
public final class ItemPatterns {
    /** A segment of a pattern: {@code null} for {@code **}, else the regular expression of the segment. */
    private final List<List<Pattern>> patterns;
    private final List<String> lines;

    private ItemPatterns(List<String> lines, List<List<Pattern>> patterns) {
        this.lines = List.copyOf(lines);
        this.patterns = patterns;
    }

    /** All jobs. */
    public static ItemPatterns all() {
        return new ItemPatterns(List.of(), List.of());
    }

    /**
     * Reads the patterns.
     *
     * @param text one pattern a line; {@code null} or blank: all jobs
     * @throws IllegalArgumentException naming the line (by number and text) that is not a pattern, and why
     */
    public static ItemPatterns parse(String text) {
        List<String> lines = new ArrayList<>();
        List<List<Pattern>> patterns = new ArrayList<>();
        if (text != null) {
            List<String> raw = text.lines().toList();
            for (int i = 0; i < raw.size(); i++) {
                String line = raw.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                patterns.add(compile(i + 1, line));
                lines.add(line);
            }
        }
        return new ItemPatterns(lines, List.copyOf(patterns));
    }

    private static List<Pattern> compile(int lineNumber, String line) {
        if (line.startsWith("/") || line.endsWith("/")) {
            throw problem(lineNumber, line, Text.of("policy.pattern.slashAtEnds"));
        }
        List<Pattern> segments = new ArrayList<>();
        for (String segment : line.split("/", -1)) {
            if (segment.isEmpty()) {
                throw problem(lineNumber, line, Text.of("policy.pattern.emptyFolder"));
            }
            if (segment.equals("**")) {
                segments.add(null);
            } else if (segment.contains("**")) {
                throw problem(lineNumber, line, Text.of("policy.pattern.doubleStar"));
            } else {
                segments.add(Pattern.compile(segmentRegex(segment)));
            }
        }
        return Collections.unmodifiableList(segments); // not List.copyOf: it refuses the nulls of '**'
    }

    private static String segmentRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = segment.indexOf('*'); star >= 0; star = segment.indexOf('*', start)) {
            if (star > start) {
                regex.append(Pattern.quote(segment.substring(start, star)));
            }
            regex.append("[^/]*");
            start = star + 1;
        }
        if (start < segment.length()) {
            regex.append(Pattern.quote(segment.substring(start)));
        }
        return regex.toString();
    }

    private static IllegalArgumentException problem(int lineNumber, String line, Text why) {
        return new InvalidInputException(Text.of("policy.pattern.invalid", String.valueOf(lineNumber), line, why));
    }

    /** Whether no pattern is set, which allows every job. */
    public boolean allowsAll() {
        return patterns.isEmpty();
    }

    /** Whether the job with this full name (folders separated by {@code /}) is allowed. */
    public boolean matches(String itemFullName) {
        if (allowsAll()) {
            return true;
        }
        if (itemFullName == null || itemFullName.isEmpty()) {
            return false;
        }
        String[] names = itemFullName.split("/", -1);
        for (List<Pattern> pattern : patterns) {
            if (matches(pattern, names)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the segments match the names: a table of "pattern prefix i matches name prefix j", so that many
     * {@code **} cost no backtracking.
     */
    private static boolean matches(List<Pattern> pattern, String[] names) {
        int p = pattern.size();
        int n = names.length;
        boolean[][] match = new boolean[p + 1][n + 1];
        match[0][0] = true;
        for (int i = 1; i <= p; i++) {
            Pattern segment = pattern.get(i - 1);
            for (int j = 0; j <= n; j++) {
                if (segment == null) { // '**': no name, or one more name for the same '**'
                    match[i][j] = match[i - 1][j] || (j > 0 && match[i][j - 1]);
                } else {
                    match[i][j] = j > 0 && match[i - 1][j - 1] && segment.matcher(names[j - 1]).matches();
                }
            }
        }
        return match[p][n];
    }

    /** The patterns as read: trimmed, without blank and comment lines. */
    public List<String> patterns() {
        return lines;
    }

    /** One pattern a line, as stored and exported. */
    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
