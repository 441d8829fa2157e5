package io.jenkins.plugins.releaseplaybook;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * A list property as a script gave it: entries trimmed, blank and {@code null} entries dropped, unmodifiable.
     */
    public static List<String> entries(@CheckForNull List<String> values) {
        List<String> kept = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                String entry = Util.fixEmptyAndTrim(value);
                if (entry != null) {
                    kept.add(entry);
                }
            }
        }
        return Collections.unmodifiableList(kept);
    }

    public static String join(@CheckForNull List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }
}
