package io.jenkins.plugins.releaseplaybook;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * Converts a list property to and from the text area that edits it in a form (the Snippet Generator, Manage
 * Jenkins): one entry a line; blank lines are dropped and entries trimmed (browsers submit CRLF line ends).
 */
public final class FormLines {
    private FormLines() {}

    public static List<String> split(@CheckForNull String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    public static String join(@CheckForNull List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }
}
