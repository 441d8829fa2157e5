package io.jenkins.plugins.releaseplaybook.engine.notification;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An event as people read it, in one language, before any format: a title, labelled lines and the link to the
 * report. Labels are this plugin's texts; values are what the report holds (user input among them), so every payload
 * template escapes both for its format.
 *
 * @param url the build's Release Report page; {@code null} when Jenkins' URL is not configured
 */
public record NotificationText(String title, List<Line> lines, String url, String linkLabel) {
    /** One line: {@code label: value}. */
    public record Line(String label, String value) {}

    /** The report page below a build URL (Jenkins' {@code job/x/12/}); the action's URL name. */
    static final String REPORT_PATH = "release-report/";

    public static NotificationText of(NotificationEvent event, Locale locale) {
        String release = event.version() == null || event.version().isBlank()
                ? event.service() : event.service() + " " + event.version();
        String title = Text.of("notification.title." + event.kind().id(), release).message(locale);
        List<Line> lines = new ArrayList<>();
        if (event.build() != null) {
            lines.add(line("notification.line.build", event.build().displayName(), locale));
        }
        if (event.risk() != null) {
            lines.add(line("notification.line.risk", event.risk(), locale));
        }
        for (NotificationEvent.Missing missing : event.missing()) {
            String value = missing.detail() == null || missing.detail().isBlank()
                    ? missing.item() : missing.item() + " (" + missing.detail() + ")";
            lines.add(line("notification.line.missing", value, locale));
        }
        NotificationEvent.Rollback rollback = event.rollback();
        if (rollback != null) {
            if (rollback.trigger() != null) {
                lines.add(line("notification.line.trigger", rollback.trigger(), locale));
            }
            for (NotificationEvent.Action action : rollback.actions()) {
                String value = action.name() + ": " + action.status()
                        + (action.message() == null || action.message().isBlank() ? "" : " (" + action.message() + ")");
                lines.add(line("notification.line.action", value, locale));
            }
            if (rollback.outcome() != null) {
                lines.add(line("notification.line.outcome", rollback.outcome(), locale));
            }
            lines.add(rollback.timeToRecover() == null
                    ? line("notification.line.timeToRecover", Text.of("notification.notRecovered").message(locale), locale)
                    : line("notification.line.timeToRecover", Durations.forPeople(rollback.timeToRecover(), locale), locale));
        }
        String url = reportUrl(event);
        return new NotificationText(title, List.copyOf(lines), url, Text.of("notification.link").message(locale));
    }

    /** The lines as plain text, one a line, then the link: a mail body or a plain text message. */
    public String plain() {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(line.label()).append(": ").append(line.value()).append('\n');
        }
        if (url != null) {
            out.append(linkLabel).append(": ").append(url).append('\n');
        }
        return out.toString();
    }

    private static Line line(String key, String value, Locale locale) {
        return new Line(Text.of(key).message(locale), value == null ? "" : value);
    }

    /** Only absolute http(s) URLs: a link in a chat message must not be {@code javascript:} or relative. */
    private static String reportUrl(NotificationEvent event) {
        String build = event.build() == null ? null : event.build().url();
        if (build == null || !(build.startsWith("https://") || build.startsWith("http://"))) {
            return null;
        }
        return (build.endsWith("/") ? build : build + "/") + REPORT_PATH;
    }
}
