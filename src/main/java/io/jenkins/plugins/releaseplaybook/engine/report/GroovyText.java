package io.jenkins.plugins.releaseplaybook.engine.report;

/** Texts written as Groovy source, for the Pipeline code the report shows (such as a backup's restore call). */
final class GroovyText {
    private GroovyText() {}

    /**
     * A single-quoted Groovy string literal of {@code text}: no interpolation, so {@code $} stays as it is; a
     * backslash, a quote and line breaks are escaped so that the literal reads back as exactly {@code text}.
     */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
