package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The page's own words in the reader's language: headings, column names, status words (report/Texts*.properties). */
final class ReportLabels {
    private final Locale locale;

    ReportLabels(Locale locale) {
        this.locale = locale == null ? Locale.ROOT : locale;
    }

    Locale locale() {
        return locale;
    }

    /** The text of {@code report.<key>}. */
    String get(String key, Object... args) {
        return Text.of("report." + key, args).message(locale);
    }

    /** A status word: {@code SKIPPED_IDENTICAL} reads "skipped (identical)" or "已跳过（相同）". */
    String word(Enum<?> value) {
        if (value == null) {
            return get("word.unknown");
        }
        // A constant without a text (added later, or read from a newer report's JSON) shows its name.
        return Text.restore("report.word." + value.getDeclaringClass().getSimpleName() + "." + value.name(), List.of(),
                value.name().replace('_', ' ')).message(locale);
    }

    /** Where a rollback was acknowledged: a known place in words, anything else as recorded. */
    String via(String via) {
        if (via == null) {
            return get("word.unknown");
        }
        return Text.restore("report.rollback.via." + via, List.of(), via).message(locale);
    }

    /** A checklist item's name from its identifier ({@code backupVerified}); a custom or unknown one as written. */
    String itemName(String id, String drillDays) {
        if (id == null) {
            return get("word.unknown");
        }
        if (id.startsWith("custom:")) {
            return Text.restore("policy.item.custom", List.of(id.substring("custom:".length())), id).message(locale);
        }
        return Text.restore("policy.item." + id, List.of(drillDays), id).message(locale);
    }

    String stage(StageKind kind) {
        return Text.restore("report.stage." + kind.name(), List.of(), kind.name().toLowerCase(Locale.ROOT))
                .message(locale);
    }

    String duration(Duration duration) {
        return duration == null ? "—" : Durations.forPeople(duration, locale);
    }

    String line(TrailLine line) {
        return line == null ? "" : line.message(locale);
    }

    /** {@code html lang} value: {@code zh-CN}, or {@code en} for English and every language without texts. */
    String htmlLang() {
        return get("lang");
    }
}
