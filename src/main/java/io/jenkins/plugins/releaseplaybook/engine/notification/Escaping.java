package io.jenkins.plugins.releaseplaybook.engine.notification;

/**
 * Makes report texts (user input among them) literal in each chat format, so that a service name or a checklist
 * detail can neither format the message nor inject a link, a mention or a tag. Line breaks become spaces everywhere:
 * one value stays on its line.
 */
final class Escaping {
    private Escaping() {}

    /** One line of plain text: line breaks and other control characters become spaces. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }

    /**
     * For the Markdown of DingTalk and WeCom: Markdown punctuation gets a backslash, and {@code & < >} become HTML
     * entities (both renderers accept inline HTML such as WeCom's {@code <font>}, so a raw {@code <} could open a tag).
     */
    static String markdown(String text) {
        String line = oneLine(text);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '~', '|', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * For Slack's mrkdwn: {@code & < >} become {@code &amp; &lt; &gt;}, the only escaping Slack defines; without
     * {@code <} no link, mention ({@code <!channel>}) or user reference can be formed.
     */
    static String slack(String text) {
        return oneLine(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A URL inside Slack's {@code <url|label>} or a Markdown {@code (url)}: characters that would end it are encoded. */
    static String linkTarget(String url) {
        return oneLine(url).replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(")", "%29")
                .replace("(", "%28").replace(" ", "%20");
    }
}
