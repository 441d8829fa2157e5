package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;
import java.util.Locale;

/**
 * A silence the admin policy refuses; it never reaches Alertmanager. Lists every reason at once, in English
 * ({@link #reasons()}, {@link #getMessage()}) or in the reader's language ({@link #reasons(Locale)},
 * {@link #message(Locale)}).
 */
public class SilencePolicyException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final List<Text> reasons;

    /** Reasons that are plain English text. */
    public SilencePolicyException(List<String> reasons) {
        this(reasons.stream().map(Text::literal).toList(), null);
    }

    private SilencePolicyException(List<Text> reasons, Void unused) {
        super(Text.of("alerting.policy.refused", Text.list(reasons)));
        this.reasons = List.copyOf(reasons);
    }

    /** Refuses for reasons that have their texts in every language. */
    static SilencePolicyException refusing(List<Text> reasons) {
        return new SilencePolicyException(reasons, null);
    }

    /** Each reason in English. */
    public List<String> reasons() {
        return reasons.stream().map(Text::english).toList();
    }

    /** Each reason in {@code locale}'s language. */
    public List<String> reasons(Locale locale) {
        return reasons.stream().map(t -> t.message(locale)).toList();
    }
}
