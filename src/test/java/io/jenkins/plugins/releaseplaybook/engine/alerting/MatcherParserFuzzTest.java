package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Property-based tests of {@link MatcherParser} with seeded, deterministic random inputs: whatever the text,
 * nothing but a {@link AlertingException} escapes and its message quotes the text; whatever valid matcher,
 * its text reads back to it.
 */
public class MatcherParserFuzzTest {

    private static final int CASES = 10_000;

    /** Rich in the grammar's special characters, with whitespace, unicode (a surrogate pair) and control chars. */
    private static final String ALPHABET = "\"\"\"\\\\\\\\===!!~~{}{},,  \t\n\r\f\u000B\u00A0ab_xZ09:-.*+?()[]|^$&<>#'"
            + "ndpPQEUv1é中😀\u0000\u0001\u007F\u2028\uD800\uDC00";

    private static final String[] VALID_SEEDS = {"service=\"checkout\"", "alertname=~\"High.*\"", "env!=prod",
            "job!~\"batch-(a|b)+\"", "a=\"x\\\"y\\\\z\\n\"", "team = Zürich", "_x=~[a-z]{2,3}", "a=\"\""};

    private static int codePoint(Random random) {
        int k = random.nextInt(ALPHABET.length());
        return ALPHABET.charAt(k); // single chars: lone surrogates on purpose, 😀 split in halves too
    }

    private static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) codePoint(random));
        }
        return text.toString();
    }

    /** Parses and checks the contract; returns the matcher or null. */
    private static Matcher check(String text) {
        try {
            Matcher matcher = MatcherParser.parse(text);
            // whatever is accepted has a canonical text that reads back to it
            assertThat(MatcherParser.parse(matcher.toString())).as("round trip of %s", text).isEqualTo(matcher);
            return matcher;
        } catch (AlertingException e) {
            assertThat(e.input()).isEqualTo(text);
            assertThat(e.getMessage()).as("message for %s", text)
                    .startsWith("Matcher '" + MatcherParser.display(text) + "'")
                    .doesNotContain("could not be checked")
                    .endsWith(".");
            if (text.length() <= 120 && text.chars().noneMatch(c -> Character.isISOControl(c)
                    || Character.isSurrogate((char) c) || c == '\u2028')) {
                assertThat(e.getMessage()).contains("'" + text + "'");
            }
            assertThat(e.position()).isBetween(-1, text.length());
            assertThat(e.reason()).isNotBlank();
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("unexpected " + e + " for " + MatcherParser.display(text), e);
        }
    }

    @Test
    public void randomStringsNeverThrowAnythingElse() throws Exception {
        Random random = new Random(20240601L);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            if (check(randomText(random, 40)) != null) {
                accepted++;
            }
        }
        assertThat(accepted).as("some random texts are matchers").isPositive();
    }

    @Test
    public void randomStringsAfterAValidPrefix() throws Exception {
        Random random = new Random(77L);
        String[] prefixes = {"a=", "a=~", "a!~\"", "a=\"", "a=~\"(", "a=~\"[", "a=~\"\\\\", "a =~ "};
        for (int i = 0; i < CASES; i++) {
            check(prefixes[random.nextInt(prefixes.length)] + randomText(random, 24));
        }
    }

    @Test
    public void mutationsOfValidMatchers() throws Exception {
        Random random = new Random(4242L);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            String seed = random.nextBoolean() ? VALID_SEEDS[random.nextInt(VALID_SEEDS.length)]
                    : generate(random).text;
            StringBuilder text = new StringBuilder(seed);
            int mutations = 1 + random.nextInt(4);
            for (int k = 0; k < mutations; k++) {
                mutate(random, text);
            }
            if (check(text.toString()) != null) {
                accepted++;
            }
        }
        assertThat(accepted).as("some mutations stay valid").isPositive();
    }

    private static void mutate(Random random, StringBuilder text) {
        int at = text.length() == 0 ? 0 : random.nextInt(text.length());
        switch (text.length() == 0 ? 0 : random.nextInt(4)) {
            case 0 -> text.insert(at, (char) codePoint(random));
            case 1 -> text.deleteCharAt(at);
            case 2 -> {
                if (at + 1 < text.length()) {
                    char c = text.charAt(at);
                    text.setCharAt(at, text.charAt(at + 1));
                    text.setCharAt(at + 1, c);
                }
            }
            default -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(4));
                text.insert(at, text.substring(at, end));
            }
        }
    }

    @Test
    public void deepAndLongInputs() throws Exception {
        Random random = new Random(99L);
        String[] openers = {"(", "(?:", "[", "(?i:", "\\Q", "{", "((", "[[:"};
        for (int i = 0; i < 300; i++) {
            String opener = openers[random.nextInt(openers.length)];
            int depth = random.nextInt(MatcherParser.MAX_LENGTH / opener.length() + 10);
            String body = opener.repeat(depth) + "a" + (random.nextBoolean() ? ")".repeat(random.nextInt(depth + 1))
                    : "]".repeat(random.nextInt(depth + 1)));
            check("a=~\"" + body + "\"");
            check("a=~" + body);
        }
        for (int i = 0; i < 50; i++) {
            check("a=\"" + "x".repeat(MatcherParser.MAX_LENGTH - 4 + random.nextInt(3)) + "\"");
            check(randomText(random, 10).repeat(500));
        }
    }

    @Test
    public void everyAcceptedTextNearTheLengthLimitPrintsWhatReadsBack() throws Exception {
        // quoting and escapes make the printed text longer than the written one (or shorter: whitespace)
        Random random = new Random(4096L);
        int accepted = 0;
        for (int i = 0; i < 2_000; i++) {
            Generated generated = generate(random);
            String prefix = generated.matcher.name() + (random.nextBoolean() ? "=" : "!=") + "\"";
            // written at (or just under) the limit, so that the print is longer whenever an escape is needed
            int target = MatcherParser.MAX_LENGTH - 1 - random.nextInt(8);
            boolean printsAsWritten = random.nextBoolean(); // else a literal line feed is printed as \n
            StringBuilder value = new StringBuilder();
            while (prefix.length() + value.length() < target) {
                String c = VALUE_CHARS[random.nextInt(VALUE_CHARS.length)];
                if (!(printsAsWritten && c.equals("\n"))) {
                    value.append(c.replace("\\", "\\\\").replace("\"", "\\\""));
                }
            }
            String text = prefix + value + "\"";
            if (check(text) != null) {
                accepted++;
            }
        }
        assertThat(accepted).as("some long texts are accepted").isPositive();
    }

    // ---- round trips of valid matchers ----

    /** A matcher and a text that should read as it. */
    private record Generated(Matcher matcher, String text) {}

    private static final String NAME_START = "abcxyzABCXYZ_";
    private static final String NAME_PART = NAME_START + "0123456789";
    /** Characters of equality values: every escapable one, the operators, whitespace, unicode, controls. */
    private static final String[] VALUE_CHARS = {"a", "b", "Z", "0", " ", "\"", "\\", "\n", "\t", "\r", "\f",
            "\u000B", ",", "=", "!", "~", "{", "}", "é", "中", "😀", "\u0000", "\u0001", "\u007F", "\u2028", "n", "d", "'"};
    private static final Pattern SECOND_MATCHER = Pattern.compile(",[ \\t\\n\\f\\r]*[a-zA-Z_][a-zA-Z0-9_]*[ \\t\\n\\f\\r]*[=!]");
    private static final String WS = " \t\n\r\f";

    private static String name(Random random) {
        StringBuilder name = new StringBuilder().append(NAME_START.charAt(random.nextInt(NAME_START.length())));
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            name.append(NAME_PART.charAt(random.nextInt(NAME_PART.length())));
        }
        return name.toString();
    }

    private static String plainValue(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(16);
        for (int i = 0; i < length; i++) {
            value.append(VALUE_CHARS[random.nextInt(VALUE_CHARS.length)]);
        }
        return value.toString();
    }

    /** A regular expression valid for RE2 and meaning the same in Java. */
    private static String regex(Random random, int depth) {
        StringBuilder regex = new StringBuilder();
        int alternatives = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        for (int a = 0; a < alternatives; a++) {
            if (a > 0) {
                regex.append('|');
            }
            int atoms = random.nextInt(5);
            for (int i = 0; i < atoms; i++) {
                regex.append(atom(random, depth));
                switch (random.nextInt(8)) {
                    case 0 -> regex.append('*');
                    case 1 -> regex.append('+');
                    case 2 -> regex.append('?');
                    case 3 -> regex.append('{').append(random.nextInt(4)).append('}');
                    case 4 -> regex.append('{').append(1 + random.nextInt(3)).append(",}");
                    case 5 -> regex.append('{').append(random.nextInt(2)).append(',').append(2 + random.nextInt(3)).append('}');
                    default -> {
                        continue;
                    }
                }
                if (random.nextInt(4) == 0) {
                    regex.append('?'); // lazy
                }
            }
        }
        return regex.toString();
    }

    private static final String[] ATOMS = {"a", "Z", "0", "é", "中", "😀", " ", "\"", "'", ",", "=", "!", "~", "-",
            ".", "\\.", "\\*", "\\(", "\\)", "\\[", "\\]", "\\{", "\\}", "\\\\", "\\\"", "\\|", "\\+", "\\?", "\\^",
            "\\$", "\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "\\pL", "\\p{Lu}", "\\PN", "\\n", "\\t", "\\x41",
            "\\x{1F600}", "[a-z]", "[^0-9]", "[\\w.-]", "[]a]", "[é-ü]", "[\\d\\s]", "\\b", "\\B", "^", "$", "\\A",
            "\\z", "\\Qa.b\\E", "\n", "\t"};

    private static String atom(Random random, int depth) {
        if (depth < 3 && random.nextInt(5) == 0) {
            String[] open = {"(", "(?:", "(?i:", "(?s:", "(?-m:"};
            return open[random.nextInt(open.length)] + regex(random, depth + 1) + ")";
        }
        return ATOMS[random.nextInt(ATOMS.length)];
    }

    /** The value written for a quoted or unquoted text, with the escapes chosen at random where they are free. */
    private static String escape(Random random, String value, boolean quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\n' -> out.append(quoted && random.nextBoolean() ? "\n" : "\\n");
                case '\\' -> {
                    char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
                    boolean last = i + 1 == value.length();
                    // a lone backslash reads as itself when what is written next makes no escape with it
                    boolean single = next != 'n' && next != '"' && next != '\\' && next != '\n'
                            && (!last || !quoted) && random.nextBoolean();
                    out.append(single ? "\\" : "\\\\");
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String whitespace(Random random) {
        StringBuilder ws = new StringBuilder();
        int length = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < length; i++) {
            ws.append(WS.charAt(random.nextInt(WS.length())));
        }
        return ws.toString();
    }

    private static boolean canBeUnquoted(String value) {
        return !(value.length() > 0 && (WS.indexOf(value.charAt(0)) >= 0 && value.charAt(0) != '\n'
                || WS.indexOf(value.charAt(value.length() - 1)) >= 0 && value.charAt(value.length() - 1) != '\n'))
                && !SECOND_MATCHER.matcher(value).find();
    }

    private static Generated generate(Random random) {
        MatchType type = MatchType.values()[random.nextInt(4)];
        String value = type.isRegex() ? regex(random, 0) : plainValue(random);
        Matcher matcher = new Matcher(name(random), type, value);
        boolean quoted = !canBeUnquoted(value) || random.nextBoolean();
        String written = quoted ? "\"" + escape(random, value, true) + "\"" : escape(random, value, false);
        String afterOperator = whitespace(random);
        if (!quoted && type == MatchType.EQUAL && value.startsWith("~") && afterOperator.isEmpty()) {
            afterOperator = " "; // a=~x would be a regex
        }
        String text = whitespace(random) + matcher.name() + whitespace(random) + type.operator() + afterOperator
                + written + whitespace(random);
        return new Generated(matcher, text);
    }

    @Test
    public void validMatchersReadBackFromTheirCanonicalText() throws Exception {
        Random random = new Random(123456789L);
        for (int i = 0; i < CASES; i++) {
            Matcher matcher = generate(random).matcher;
            try {
                assertThat(MatcherParser.parse(matcher.toString())).isEqualTo(matcher);
            } catch (AlertingException e) {
                fail("valid matcher refused: " + MatcherParser.display(matcher.toString()) + ": " + e.getMessage());
            }
        }
    }

    @Test
    public void generatedTextsReadAsTheIntendedMatcher() throws Exception {
        Random random = new Random(987654321L);
        int unquoted = 0;
        int regexes = 0;
        for (int i = 0; i < CASES; i++) {
            Generated generated = generate(random);
            try {
                assertThat(MatcherParser.parse(generated.text)).as("text %s", MatcherParser.display(generated.text))
                        .isEqualTo(generated.matcher);
            } catch (AlertingException e) {
                fail("valid text refused: " + MatcherParser.display(generated.text) + ": " + e.getMessage());
            }
            if (generated.matcher.type().isRegex()) {
                regexes++;
                // RE2/J, which the engine matches with, compiles what the parser accepted
                assertThat(generated.matcher.pattern()).isNotNull();
            }
            String trimmed = generated.text.strip();
            if (!trimmed.endsWith("\"") || trimmed.endsWith("\\\"")) {
                unquoted++;
            }
        }
        assertThat(unquoted).as("unquoted texts").isGreaterThan(CASES / 10);
        assertThat(regexes).as("regex matchers").isGreaterThan(CASES / 3);
    }
}
