package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;
import java.util.Locale;

/**
 * A {@code releasePlan} declaration that cannot be accepted; the message lists every problem at once (English in
 * {@link #getMessage()} and {@link #problems()}, the reader's language in {@link #message(Locale)}).
 */
public class InvalidPlanException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final List<Text> problems;

    /** Problems that are plain English text. */
    public InvalidPlanException(List<String> problems) {
        this(problems.stream().map(Text::literal).toList(), null);
    }

    private InvalidPlanException(List<Text> problems, Void unused) {
        super(Text.of("report.plan.invalid", Text.list(problems)));
        this.problems = List.copyOf(problems);
    }

    static InvalidPlanException listing(List<Text> problems) {
        return new InvalidPlanException(problems, null);
    }

    /** Each problem in English. */
    public List<String> problems() {
        return problems.stream().map(Text::english).toList();
    }
}
