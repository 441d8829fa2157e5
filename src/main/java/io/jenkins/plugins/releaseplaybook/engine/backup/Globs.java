package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Exclude patterns, matched against an entry's path relative to its source with {@code /} separators:
 * {@code *} and {@code ?} stay within one segment, {@code **} crosses segments and {@code **}{@code /} also matches
 * no segment at all (so {@code **}{@code /*.log} matches {@code a.log} and {@code x/y/a.log}), {@code [abc]} and
 * {@code [!abc]} are character classes, {@code \} escapes. A pattern that matches a directory leaves out all of it.
 */
final class Globs {
    private final List<Pattern> patterns;

    private Globs(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static Globs compile(List<String> globs) throws BackupException {
        List<Pattern> out = new ArrayList<>();
        for (String glob : globs) {
            if (glob == null || glob.isBlank()) {
                continue;
            }
            out.add(Pattern.compile(toRegex(glob.trim())));
        }
        return new Globs(List.copyOf(out));
    }

    boolean excludes(String relativePath) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(relativePath).matches()) {
                return true;
            }
        }
        return false;
    }

    static String toRegex(String glob) throws BackupException {
        String g = glob.startsWith("/") ? glob.substring(1) : glob; // relative to the source either way
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                    re.append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 3 : 2;
                    continue;
                }
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = g.indexOf(']', i + 2);
                if (end < 0) {
                    throw invalid(glob, Text.of("backup.glob.bracket"));
                }
                String body = g.substring(i + 1, end);
                boolean negated = body.startsWith("!") || body.startsWith("^");
                if (negated) {
                    body = body.substring(1);
                }
                re.append('[').append(negated ? "^/" : "");
                for (char b : body.toCharArray()) {
                    if ("\\[]^&".indexOf(b) >= 0) {
                        re.append('\\');
                    }
                    re.append(b);
                }
                re.append(']');
                i = end + 1;
                continue;
            } else if (c == '\\') {
                if (i + 1 >= g.length()) {
                    throw invalid(glob, Text.of("backup.glob.escape"));
                }
                re.append(Pattern.quote(String.valueOf(g.charAt(i + 1))));
                i += 2;
                continue;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        // a pattern that names a directory also leaves out what is in it
        re.append("(?:/.*)?");
        return re.toString();
    }

    private static BackupException invalid(String glob, Text why) {
        return new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.glob", glob, why));
    }
}
