package io.jenkins.plugins.releaseplaybook.engine.support;

import java.util.regex.Pattern;

/** Percentages as people write them in a Jenkinsfile: {@code '20%'}, {@code '20'}, {@code '12.5 %'}. */
public final class Percentages {
    private static final Pattern PERCENT = Pattern.compile("\\s*(\\d{1,6}(?:\\.\\d{1,6})?)\\s*%?\\s*");

    private Percentages() {}

    /**
     * @return the number of percent, positive
     * @throws IllegalArgumentException quoting the value and the accepted forms
     */
    public static double parse(String text) {
        java.util.regex.Matcher matcher = text == null ? null : PERCENT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new InvalidInputException(Text.of("support.percent.invalid", text));
        }
        double value = Double.parseDouble(matcher.group(1));
        if (value <= 0) {
            throw new InvalidInputException(Text.of("support.percent.zero", text));
        }
        return value;
    }
}
