package io.jenkins.plugins.releaseplaybook.engine.report;

/**
 * Takes credentials out of URLs: {@code https://user:secret@host/} becomes {@code https://host/}, wherever a URL
 * stands in a text (a build link, an endpoint, a message that quotes one). A report is read by everyone who may read
 * the build; a password typed into an endpoint URL must not end up on its page.
 */
public final class Urls {
    private Urls() {}

    /**
     * {@code text} with the user-info part of every {@code scheme://user-info@authority} removed. The report stores
     * URLs so (e.g. {@link SilenceRecord#endpoint()}): compare a stored URL with a configured one through this.
     */
    public static String withoutUserInfo(String text) {
        if (text == null) {
            return null;
        }
        int from = text.indexOf("://");
        if (from < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (from >= 0) {
            int authority = from + 3;
            int end = authority;
            int at = -1;
            while (end < text.length() && !endsAuthority(text.charAt(end))) {
                if (text.charAt(end) == '@') {
                    at = end; // the last '@': a password may contain one unencoded
                }
                end++;
            }
            if (at >= 0) {
                out.append(text, copied, authority);
                copied = at + 1;
            }
            from = text.indexOf("://", authority);
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#' || c == '\\' || Character.isWhitespace(c) || c == '"' || c == '\''
                || c == '<' || c == '>';
    }
}
