package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one exception of the report package; {@link #kind()} says what went wrong. English in {@link #getMessage()},
 * the reader's language in {@link #message(Locale)}.
 *
 * <p>An {@link IOException}, so checked, on purpose: a report that cannot be read or written is a failure of the
 * build's stored data that every caller of {@link ReleaseReportFile} must handle (they all handle I/O errors already,
 * and a corrupt file must not escape them as a runtime exception); and a refused {@code releasePlan} is a failure the
 * step must turn into its own message and a FAILURE stage, never let through to the Pipeline as it is.
 */
public class ReportException extends IOException implements Localizable {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** A stored report that cannot be read: not JSON, truncated, of the wrong shape, or a required field missing. */
        UNREADABLE,
        /** The directory of the report file is gone (the build was deleted), so nothing was written. */
        DIRECTORY_GONE,
        /** A {@code releasePlan} declaration that cannot be accepted; {@link #problems()} lists every problem. */
        INVALID_PLAN
    }

    private final Kind kind;
    private final transient Text text;
    private final List<Text> problems;
    private final String directory;

    private ReportException(Kind kind, Text text, List<Text> problems, String directory, Throwable cause) {
        super(text.english(), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.text = text;
        this.problems = List.copyOf(problems);
        this.directory = directory;
    }

    /** A stored report that cannot be read; {@code message} names the source, the position and what was wrong. */
    static ReportException unreadable(String message, Throwable cause) {
        return new ReportException(Kind.UNREADABLE, Text.literal(message), List.of(), null, cause);
    }

    static ReportException directoryGone(Path directory) {
        return new ReportException(Kind.DIRECTORY_GONE, Text.of("report.file.directoryGone", directory.toString()),
                List.of(), directory.toString(), null);
    }

    /** A plan with these problems, each naming the field and what to do. */
    static ReportException invalidPlan(List<Text> problems) {
        return new ReportException(Kind.INVALID_PLAN, Text.of("report.plan.invalid", Text.list(problems)), problems,
                null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#INVALID_PLAN}: each problem in English; empty for the other kinds. */
    public List<String> problems() {
        return problems.stream().map(Text::english).toList();
    }

    /** For {@link Kind#DIRECTORY_GONE}: the directory that is gone; {@code null} for the other kinds. */
    public String directory() {
        return directory;
    }

    @Override
    public String message(Locale locale) {
        return text == null ? getMessage() : text.message(locale);
    }
}
