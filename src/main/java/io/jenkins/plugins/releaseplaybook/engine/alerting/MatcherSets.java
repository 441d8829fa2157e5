package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of matchers written on one line, as admins write protected sets: {@code {severity="critical",
 * team="payments"}} (the braces are optional). Commas inside quoted values do not split; put a value that
 * contains a comma in quotes.
 */
public final class MatcherSets {
    private MatcherSets() {}

    /**
     * @throws AlertingException {@link AlertingException.Kind#MATCHER_SYNTAX} for the first bad matcher, an empty set
     *     or unbalanced braces
     */
    public static List<Matcher> parse(String text) throws AlertingException {
        String body = text == null ? "" : text.strip();
        if (body.startsWith("{") != body.endsWith("}")) {
            throw notASet(text, Text.of("alerting.set.unbalanced", text));
        }
        if (body.startsWith("{")) {
            body = body.substring(1, body.length() - 1);
        }
        List<Matcher> matchers = new ArrayList<>();
        for (String part : splitOutsideQuotes(body)) {
            if (!part.isBlank()) {
                matchers.add(MatcherParser.parse(part));
            }
        }
        if (matchers.isEmpty()) {
            throw notASet(text, Text.of("alerting.set.empty", text));
        }
        return List.copyOf(matchers);
    }

    private static AlertingException notASet(String text, Text message) {
        return AlertingException.syntax(text, -1, -1, message, message);
    }

    static List<String> splitOutsideQuotes(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
