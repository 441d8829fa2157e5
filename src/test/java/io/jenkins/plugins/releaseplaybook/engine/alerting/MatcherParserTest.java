package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/**
 * {@link MatcherParser}: the accepted syntax and every kind of error with its message. The expectations about
 * what Alertmanager accepts were checked against amtool and Alertmanager 0.25.0.
 */
public class MatcherParserTest {

    private static final String EXPECTED = " Expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\".";
    private static final String EXPECTED_REGEX = " Expected a regular expression in Go's RE2 syntax, which Alertmanager uses.";

    private static Matcher m(String name, MatchType type, String value) {
        return new Matcher(name, type, value);
    }

    private static AlertingException error(String text) {
        AlertingException e = catchThrowableOfType(AlertingException.class, () -> MatcherParser.parse(text));
        assertThat(e).as("expected an error for %s", text).isNotNull();
        assertThat(e.input()).isEqualTo(text);
        assertThat(e.index()).isEqualTo(-1);
        return e;
    }

    // ---- operators, quoting, whitespace ----

    @Test
    public void everyOperatorQuoted() throws Exception {
        assertThat(MatcherParser.parse("service=\"checkout\"")).isEqualTo(m("service", MatchType.EQUAL, "checkout"));
        assertThat(MatcherParser.parse("service!=\"checkout\"")).isEqualTo(m("service", MatchType.NOT_EQUAL, "checkout"));
        assertThat(MatcherParser.parse("alertname=~\"High.*\"")).isEqualTo(m("alertname", MatchType.REGEX, "High.*"));
        assertThat(MatcherParser.parse("alertname!~\"High.*\"")).isEqualTo(m("alertname", MatchType.NOT_REGEX, "High.*"));
    }

    @Test
    public void everyOperatorUnquoted() throws Exception {
        assertThat(MatcherParser.parse("service=checkout")).isEqualTo(m("service", MatchType.EQUAL, "checkout"));
        assertThat(MatcherParser.parse("env!=prod")).isEqualTo(m("env", MatchType.NOT_EQUAL, "prod"));
        assertThat(MatcherParser.parse("alertname=~High.*")).isEqualTo(m("alertname", MatchType.REGEX, "High.*"));
        assertThat(MatcherParser.parse("job!~batch-.*")).isEqualTo(m("job", MatchType.NOT_REGEX, "batch-.*"));
    }

    @Test
    public void whitespaceAroundTheOperatorAndTheMatcher() throws Exception {
        assertThat(MatcherParser.parse("  service = \"checkout\"  ")).isEqualTo(m("service", MatchType.EQUAL, "checkout"));
        assertThat(MatcherParser.parse("\t\nservice\r\n!=\f\"checkout\"\n")).isEqualTo(
                m("service", MatchType.NOT_EQUAL, "checkout"));
        assertThat(MatcherParser.parse(" a =~ b ")).isEqualTo(m("a", MatchType.REGEX, "b"));
        assertThat(MatcherParser.parse("a !~\tb")).isEqualTo(m("a", MatchType.NOT_REGEX, "b"));
    }

    @Test
    public void theLongestOperatorWinsAndTheRestIsTheValue() throws Exception {
        // as in Alertmanager 0.25.0: the operator is one of =~ = != !~, whatever follows belongs to the value
        assertThat(MatcherParser.parse("a= ~b")).isEqualTo(m("a", MatchType.EQUAL, "~b"));
        assertThat(MatcherParser.parse("a==b")).isEqualTo(m("a", MatchType.EQUAL, "=b"));
        assertThat(MatcherParser.parse("a!=~b")).isEqualTo(m("a", MatchType.NOT_EQUAL, "~b"));
        assertThat(MatcherParser.parse("a=~~b")).isEqualTo(m("a", MatchType.REGEX, "~b"));
        assertThat(MatcherParser.parse("a=!b")).isEqualTo(m("a", MatchType.EQUAL, "!b"));
    }

    @Test
    public void quotedValuesKeepTheirWhitespaceUnquotedOnesAreTrimmed() throws Exception {
        assertThat(MatcherParser.parse("a=\" x \"").value()).isEqualTo(" x ");
        assertThat(MatcherParser.parse("summary = disk full \t").value()).isEqualTo("disk full");
        assertThat(MatcherParser.parse("a=x\u00A0").value()).isEqualTo("x\u00A0"); // Go's \s has no Unicode spaces
    }

    @Test
    public void emptyValues() throws Exception {
        assertThat(MatcherParser.parse("env=\"\"")).isEqualTo(m("env", MatchType.EQUAL, ""));
        assertThat(MatcherParser.parse("env = \"\" ")).isEqualTo(m("env", MatchType.EQUAL, ""));
        assertThat(MatcherParser.parse("env!=\"\"")).isEqualTo(m("env", MatchType.NOT_EQUAL, ""));
        assertThat(MatcherParser.parse("env=")).isEqualTo(m("env", MatchType.EQUAL, ""));
        assertThat(MatcherParser.parse("env=~\"\"")).isEqualTo(m("env", MatchType.REGEX, ""));
        assertThat(MatcherParser.parse("env!~   ")).isEqualTo(m("env", MatchType.NOT_REGEX, ""));
    }

    @Test
    public void labelNames() throws Exception {
        assertThat(MatcherParser.parse("_private=1").name()).isEqualTo("_private");
        assertThat(MatcherParser.parse("A9_z=1").name()).isEqualTo("A9_z");
    }

    @Test
    public void unicodeAndControlCharactersInValues() throws Exception {
        assertThat(MatcherParser.parse("team=\"Zürich 中文 😀\"").value()).isEqualTo("Zürich 中文 😀");
        assertThat(MatcherParser.parse("team=Zürich😀").value()).isEqualTo("Zürich😀");
        assertThat(MatcherParser.parse("a=\"x\u0001\u007f\u2028y\"").value()).isEqualTo("x\u0001\u007f\u2028y");
        assertThat(MatcherParser.parse("a=\"line1\nline2\"").value()).isEqualTo("line1\nline2");
    }

    // ---- escapes ----

    @Test
    public void theThreeEscapes() throws Exception {
        assertThat(MatcherParser.parse("a=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
        assertThat(MatcherParser.parse("a=\"C:\\\\temp\"").value()).isEqualTo("C:\\temp");
        assertThat(MatcherParser.parse("a=\"line1\\nline2\"").value()).isEqualTo("line1\nline2");
    }

    @Test
    public void otherEscapesKeepTheirBackslash() throws Exception {
        assertThat(MatcherParser.parse("a=\"\\d+\"").value()).isEqualTo("\\d+");
        assertThat(MatcherParser.parse("a=\"x\\ty\"").value()).isEqualTo("x\\ty");
        assertThat(MatcherParser.parse("a=\"\\é\"").value()).isEqualTo("\\é");
        assertThat(MatcherParser.parse("a=\"\\😀\"").value()).isEqualTo("\\😀");
        assertThat(MatcherParser.parse("a=~\"\\d+\"")).isEqualTo(m("a", MatchType.REGEX, "\\d+"));
        assertThat(MatcherParser.parse("a=~\"\\\\d+\"")).isEqualTo(m("a", MatchType.REGEX, "\\d+"));
    }

    @Test
    public void escapesInUnquotedValues() throws Exception {
        assertThat(MatcherParser.parse("a=x\\ny").value()).isEqualTo("x\ny");
        assertThat(MatcherParser.parse("a=\\\"x\\\"").value()).isEqualTo("\"x\"");
        assertThat(MatcherParser.parse("a=x\\\\y").value()).isEqualTo("x\\y");
        // a backslash at the end escapes nothing and stays, also when whitespace followed it
        assertThat(MatcherParser.parse("a=b\\").value()).isEqualTo("b\\");
        assertThat(MatcherParser.parse("a=b\\  ").value()).isEqualTo("b\\");
    }

    @Test
    public void commasWithoutASecondMatcherBelongToTheValue() throws Exception {
        assertThat(MatcherParser.parse("a=b,c").value()).isEqualTo("b,c");
        assertThat(MatcherParser.parse("a=\"b,c=d\"").value()).isEqualTo("b,c=d");
        assertThat(MatcherParser.parse("a=b,").value()).isEqualTo("b,");
    }

    @Test
    public void canonicalTextReadsBack() throws Exception {
        Matcher matcher = m("a", MatchType.NOT_REGEX, "x\"y\\z\nw");
        assertThat(MatcherParser.parse(matcher.toString())).isEqualTo(matcher);
    }

    // ---- syntax errors ----

    @Test
    public void missingOperator() throws Exception {
        AlertingException e = error("service");
        assertThat(e).hasMessage("Matcher 'service' is not valid: there is no operator after the label name "
                + "'service'." + EXPECTED);
        assertThat(e.position()).isEqualTo(7);
        assertThat(e.reason()).isEqualTo("there is no operator after the label name 'service'");
        assertThat(e.problems()).containsExactly(e);

        assertThat(error("service checkout")).hasMessage("Matcher 'service checkout' is not valid: there is no "
                + "operator after the label name 'service': found 'c' at position 8." + EXPECTED);
        assertThat(error("a~=b")).hasMessageContaining("found '~' at position 1 (did you mean '=~'?)");
        assertThat(error("a!b")).hasMessage("Matcher 'a!b' is not valid: the '!' at position 1 must be followed by "
                + "'=' or '~' to make the operator '!=' or '!~'." + EXPECTED);
        assertThat(error("a<b").position()).isEqualTo(1);
    }

    @Test
    public void badLabelNames() throws Exception {
        assertThat(error("1a=b")).hasMessage("Matcher '1a=b' is not valid: a label name must start with a letter or "
                + "'_', but '1' is at position 0 (label names must not start with a digit)." + EXPECTED);
        assertThat(error("  a-b=c")).hasMessage("Matcher '  a-b=c' is not valid: the label name 'a' is followed by "
                + "'-' at position 3, but label names may contain only letters, digits and '_', and an operator must "
                + "follow." + EXPECTED);
        AlertingException colon = error("job:rate=x");
        assertThat(colon).hasMessageContaining("the label name contains ':' at position 3, but label names may "
                + "contain only letters, digits and '_' (colons are for metric names)");
        assertThat(colon.position()).isEqualTo(3);
        assertThat(error("é=b")).hasMessageContaining("but 'é' is at position 0.");
        assertThat(error("{a=\"b\"}")).hasMessageContaining("but '{' is at position 0 (braces belong around a list "
                + "of matchers: give each matcher on its own, without them)");
        assertThat(error("\"a\"=\"b\"")).hasMessageContaining("(quoted label names are not supported)");
        assertThat(error(" =b")).hasMessageContaining("but '=' is at position 1 (the label name is missing)");
    }

    @Test
    public void unterminatedQuote() throws Exception {
        AlertingException e = error("service=\"checkout");
        assertThat(e).hasMessage("Matcher 'service=\"checkout' is not valid: the value starts with a quote at "
                + "position 8 but has no closing quote." + EXPECTED);
        assertThat(e.position()).isEqualTo(8);
        // an escaped quote does not close
        assertThat(error("a=\"b\\\"").position()).isEqualTo(2);
        assertThat(error("a=\"b\\\"  ")).hasMessageContaining("has no closing quote");
    }

    @Test
    public void textAfterTheClosingQuote() throws Exception {
        AlertingException e = error("a=\"b\"c");
        assertThat(e).hasMessage("Matcher 'a=\"b\"c' is not valid: the value's closing quote at position 4 is "
                + "followed by 'c' at position 5." + EXPECTED);
        assertThat(e.position()).isEqualTo(5);
        assertThat(error("a=\"b\", c=\"d\"")).hasMessageContaining("followed by ', c=\"d\"' at position 5 (give "
                + "each matcher on its own)");
        assertThat(error("a=\"b\" \"c\"")).hasMessageContaining("(escape quotes inside the value as \\\")");
    }

    @Test
    public void quoteInsideAnUnquotedValue() throws Exception {
        AlertingException e = error("a=b\"c");
        assertThat(e).hasMessage("Matcher 'a=b\"c' is not valid: the unquoted value contains a quote at position 3; "
                + "put the whole value in quotes and escape inner quotes as \\\"." + EXPECTED);
        assertThat(e.position()).isEqualTo(3);
    }

    @Test
    public void twoMatchersInOneText() throws Exception {
        AlertingException e = error("a!=b, c=\"d\"");
        assertThat(e).hasMessage("Matcher 'a!=b, c=\"d\"' is not valid: the unquoted value 'b, c=\"d\"' looks like "
                + "two matchers joined by the comma at position 4; give each matcher on its own, or quote the value if "
                + "the comma belongs to it." + EXPECTED);
        assertThat(e.position()).isEqualTo(4);
        assertThat(error("a=b,c!~d").position()).isEqualTo(3);
    }

    @Test
    public void nullEmptyAndBlank() throws Exception {
        AlertingException none = catchThrowableOfType(AlertingException.class, () -> MatcherParser.parse(null));
        assertThat(none).hasMessage("No matcher given (null)." + EXPECTED);
        assertThat(none.input()).isNull();
        assertThat(none.position()).isEqualTo(-1);
        assertThat(error("")).hasMessage("Matcher '' is not valid: it is empty." + EXPECTED);
        assertThat(error(" \t\n")).hasMessage("Matcher ' \\t\\n' is not valid: it is blank." + EXPECTED);
        assertThat(error("").position()).isEqualTo(-1);
    }

    @Test
    public void tooLong() throws Exception {
        String ok = "a=\"" + "x".repeat(MatcherParser.MAX_LENGTH - 4) + "\"";
        assertThat(ok).hasSize(MatcherParser.MAX_LENGTH);
        assertThat(MatcherParser.parse(ok).value()).hasSize(MatcherParser.MAX_LENGTH - 4);

        String text = "a=" + "x".repeat(MatcherParser.MAX_LENGTH - 1);
        AlertingException e = error(text);
        assertThat(e).hasMessage("Matcher 'a=" + "x".repeat(118) + "…' (4097 characters) is not valid: it is 4097 "
                + "characters long, longer than the limit of 4096." + EXPECTED);
        assertThat(e.position()).isEqualTo(4096);
    }

    @Test
    public void theLimitAppliesToThePrintedTextToo() throws Exception {
        // 4096 characters as written, but 4098 as printed (quoted): refused, since it could not be read back
        String unquoted = "a=" + "x".repeat(MatcherParser.MAX_LENGTH - 2);
        assertThat(unquoted).hasSize(MatcherParser.MAX_LENGTH);
        AlertingException e = error(unquoted);
        assertThat(e).hasMessageContaining("its canonical text (quoted, with escapes) is 4098 characters long, longer "
                + "than the limit of 4096; shorten the value");
        assertThat(e.position()).isEqualTo(-1);
        Matcher atLimit = MatcherParser.parse("a=" + "x".repeat(MatcherParser.MAX_LENGTH - 4));
        assertThat(atLimit.toString()).hasSize(MatcherParser.MAX_LENGTH);
        assertThat(MatcherParser.parse(atLimit.toString())).isEqualTo(atLimit);
        // a value with a line feed written literally is printed as \n: one character more
        String literalNewline = "a=\"" + "x".repeat(MatcherParser.MAX_LENGTH - 5) + "\n\"";
        assertThat(literalNewline).hasSize(MatcherParser.MAX_LENGTH);
        assertThat(error(literalNewline)).hasMessageContaining("is 4097 characters long");
    }

    @Test
    public void aSilenceRecordOfEveryAcceptedLongMatcherReadsBack() throws Exception {
        // the case first: accepted as written (4096 characters), then printed with quotes (4098)
        for (String text : List.of("a=" + "x".repeat(MatcherParser.MAX_LENGTH - 2),
                "a=" + "x".repeat(MatcherParser.MAX_LENGTH - 4), "a=\"" + "\\\"".repeat(2045) + "\"",
                "a=" + "\\n".repeat(2047), "a=~" + "(a?)".repeat(1023))) {
            Matcher matcher;
            try {
                matcher = MatcherParser.parse(text);
            } catch (AlertingException refused) {
                continue;
            }
            ActiveSilence silence = new ActiveSilence("id-1", List.of(matcher),
                    java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Instant.parse("2026-01-01T01:00:00Z"),
                    "me", "release", java.net.URI.create("http://am:9093"));
            assertThat(SilenceRecords.toActive(SilenceRecords.active(silence)).matchers()).as(text)
                    .containsExactly(matcher);
        }
    }

    @Test
    public void unpairedSurrogates() throws Exception {
        AlertingException e = error("a=\"x\uD800y\"");
        assertThat(e).hasMessage("Matcher 'a=\"x\\uD800y\"' is not valid: the value contains an unpaired surrogate "
                + "character at position 4, which is not valid text (Alertmanager requires UTF-8)." + EXPECTED);
        assertThat(error("a=x\uDC00").position()).isEqualTo(3);
        assertThat(error("a=\"\\\uD800\"").position()).isEqualTo(4);
    }

    @Test
    public void controlCharactersAreEscapedInMessages() throws Exception {
        assertThat(error("a=\"x\u0001\n")).hasMessageStartingWith("Matcher 'a=\"x\\u0001\\n' is not valid:");
        assertThat(MatcherParser.display("a\tb\r\u2028\u0000😀")).isEqualTo("a\\tb\\r\\u2028\\u0000😀");
        assertThat(MatcherParser.display("x".repeat(200))).isEqualTo("x".repeat(120) + "…");
    }

    // ---- regular expressions ----

    @Test
    public void validRegularExpressions() throws Exception {
        for (String regex : List.of("High.*", "5..", "(?i)error|fail(ed|ure)?", "[a-z0-9_-]+", "[]a]", "[^]a]",
                "\\d{2,3}\\.\\w*", "\\pL+\\p{Lu}?\\PN", "(?i:x)", "\\Qa.b\\E", "[\\[\\]]",
                "\\x41\\x{1F600}", "\\012", "(?s:.)+", "(?m)^x$", "a{0}", "a{2,}", "a*?b+?c??", "\\b\\B\\A\\z",
                "[\\d-z]", "é+中*😀?", "(a{10}){100}", "x\\{1\\}", "$*", "[a-]", "a|", "()")) {
            assertThat(MatcherParser.parse("a=~\"" + regex.replace("\\", "\\\\") + "\"").value()).isEqualTo(regex);
        }
    }

    @Test
    public void invalidRegularExpressionsGiveRe2sReason() throws Exception {
        AlertingException e = error("a=~\"(a\"");
        assertThat(e).hasMessage("Matcher 'a=~\"(a\"' is not valid: the regular expression is not valid for "
                + "Alertmanager: a group is not closed with ')'." + EXPECTED_REGEX);
        assertThat(e.position()).isEqualTo(-1);
        assertThat(error("a=~\"[a\"")).hasMessageContaining("the character class '[a' is not closed with ']'");
        assertThat(error("a=~\"*\"")).hasMessageContaining("'*' has nothing to repeat.");
        AlertingException twice = error("a=~\"x**\"");
        assertThat(twice).hasMessageContaining("'**' repeats a repetition (no possessive quantifiers either) at "
                + "position 5");
        assertThat(twice.position()).isEqualTo(5);
        assertThat(error("a=~\"[z-a]\"")).hasMessageContaining("'z-a' is not a valid character range or class");
        assertThat(error("a=~(")).hasMessageContaining("a group is not closed with ')'");
        assertThat(error("a=~\"x\\\\\"")).hasMessageContaining("it ends with a lone backslash");
    }

    @Test
    public void constructsThatRe2Refuses() throws Exception {
        assertRe2Refuses("\\1", "'\\1' is not an escape that Go's RE2 knows");
        assertRe2Refuses("a(?=b)", "'(?=' is not supported by Go's RE2 (no lookarounds, atomic groups or comments, and "
                + "no flags but i, m, s and U) at position 5");
        assertRe2Refuses("a(?!b)", "'(?!' is not supported");
        assertRe2Refuses("(?<=a)b", "'(?<=' is not supported");
        assertRe2Refuses("(?<!a)b", "'(?<!' is not supported");
        assertRe2Refuses("(?>a)", "'(?>' is not supported");
        assertRe2Refuses("(?#c)", "'(?#' is not supported");
        assertRe2Refuses("(?x)a b", "'(?x' is not supported");
        assertRe2Refuses("(?<n>a)", "the named group '(?<' at position 4 is known only to Go 1.22 and later; write "
                + "'(?P<name>' or a plain group '('");
        assertRe2Refuses("a*+", "'*+' repeats a repetition");
        assertRe2Refuses("a++", "'++' repeats a repetition");
        assertRe2Refuses("a{2}{3}", "'{2}{3}' repeats a repetition");
        assertRe2Refuses("\\Z", "'\\Z' is not an escape");
        assertRe2Refuses("\\h", "'\\h' is not an escape");
        assertRe2Refuses("(x)\\k<x>", "'\\k' is not an escape");
        assertRe2Refuses("\\é", "'\\é' is not an escape");
        assertRe2Refuses("\\p{IsGreek}", "'\\p{IsGreek}' is not a valid character range or class");
        assertRe2Refuses("\\p{Alpha}", "'\\p{Alpha}' is not a valid character range or class");
        assertRe2Refuses("x{1001}", "the repetition count '{1001}' is invalid");
        assertThat(parse("(?P<n>a)(?P<n>b)").matches("ab")).isTrue(); // Go 1.19 accepts a name twice, RE2/J would not
        assertRe2Refuses("(a{100}){100}", "the repetition '{100}' at position 12 repeats a repeated expression more "
                + "than 1000 times in all");
        // the silence API compiles the value alone, where this ')' is unbalanced (anchored it would pass)
        assertRe2Refuses("a)|(b", "the ')' at position 5 closes no group");
        // amtool compiles it anchored, where the \Q swallows the closing ')' of ^(?:...)$
        assertRe2Refuses("x\\Qy", "a group is not closed with ')'");
    }

    private static void assertRe2Refuses(String regex, String reason) {
        String text = "a=~\"" + regex.replace("\\", "\\\\") + "\"";
        assertThat(error(text)).hasMessageContaining("is not valid: the regular expression is not valid for "
                + "Alertmanager: ").hasMessageContaining(reason).hasMessageEndingWith(EXPECTED_REGEX);
    }

    @Test
    public void re2LimitsOnNestingAndSize() throws Exception {
        // verified at the boundary against Alertmanager 0.25.0: 998 nested groups pass, 999 do not
        assertThat(MatcherParser.parse("a=~\"" + "(".repeat(998) + "a" + ")".repeat(998) + "\"")).isNotNull();
        assertThat(error("a=~\"" + "(".repeat(999) + "a" + ")".repeat(999) + "\""))
                .hasMessageContaining("it nests more than 1000 levels deep");
        // deeper than RE2/J's recursive compiler could go on a small stack: refused before it compiles
        assertThat(error("a=~\"" + "(".repeat(2040) + "a" + ")".repeat(2040) + "\""))
                .hasMessageContaining("it nests more than 1000 levels deep");
        // (a...a){1000}: 3353 letters pass, 3354 exceed 3,355,443 instructions
        assertThat(MatcherParser.parse("a=~\"(" + "a".repeat(3353) + "){1000}\"")).isNotNull();
        assertThat(error("a=~\"(" + "a".repeat(3354) + "){1000}\""))
                .hasMessageContaining("it is too large for Alertmanager's regex engine (more than 3355443 instructions)");
    }

    @Test
    public void re2ConstructsThatJavaReadsDifferentlyAreAcceptedAndMatchAsInRe2() throws Exception {
        assertThat(parse("[[:alpha:]]+").matches("abc")).isTrue();
        assertThat(parse("[[:alpha:]]+").matches(":")).isFalse();
        assertThat(parse("[a[b]]").matches("a]")).isTrue(); // a '[' in a class is a plain '['
        assertThat(parse("[a[b]]").matches("a")).isFalse();
        assertThat(parse("[a&&b]").matches("&")).isTrue();
        assertThat(parse("(?U)a+").pattern().matcher("aaa").find()).isTrue();
        assertThat(parse("\\v").matches("\u000B")).isTrue();
        assertThat(parse("\\v").matches("\n")).isFalse();
        assertThat(parse("\\12").matches("\n")).isTrue(); // octal
        assertThat(parse("x{01}").matches("x{01}")).isTrue(); // a literal
        assertThat(parse("\\p{Greek}+").matches("αβγ")).isTrue();
        assertThat(parse("(?P<n>x)").matches("x")).isTrue();
        assertThat(parse("x{").matches("x{")).isTrue();
        assertThat(parse("\\p{Any}").matches("\n")).isTrue();
        assertThat(parse("\\p{^Lu}").matches("a")).isTrue();
        assertThat(parse("\\0").matches("\u0000")).isTrue();
        assertThat(parse("(?i)k").matches("\u212A")).isTrue(); // Kelvin sign folds to k in Go
        assertThat(parse("a.b").matches("a\nb")).isFalse();
        assertThat(parse("(?m)^x$").matches("x")).isTrue();
    }

    private static Matcher parse(String regex) throws AlertingException {
        return MatcherParser.parse("a=~\"" + regex.replace("\\", "\\\\") + "\"");
    }

    @Test
    public void aRegexOfManyGroupsMatchesOnASmallStack() throws Exception {
        // java.util.regex recursed once per group here and overflowed a 512 KiB stack; RE2/J does not recurse
        Matcher matcher = MatcherParser.parse("severity=~\"" + "(a?)".repeat(1018) + "\"");
        boolean[] results = new boolean[3];
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                results[0] = matcher.matches("a".repeat(1018));
                results[1] = matcher.matches("a".repeat(1019));
                results[2] = new Matcher("severity", MatchType.NOT_REGEX, matcher.value()).matches("b");
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small", 512 * 1024);
        small.start();
        small.join();
        assertThat(failure[0]).isNull();
        assertThat(results).containsExactly(true, false, true);
    }

    @Test
    public void regexPositionsPointIntoTheText() throws Exception {
        // the escape \" before the lookahead shifts it: position 6 of the text, index 1 of the value
        assertThat(error("a=~\"\\\"(?=y)\"").position()).isEqualTo(6);
        assertThat(error("  a =~ x(?=y)").position()).isEqualTo(8);
    }

    @Test
    public void equalityValuesAreNotRegularExpressions() throws Exception {
        assertThat(MatcherParser.parse("a=\"(?=x\"").value()).isEqualTo("(?=x");
    }

    // ---- lists ----

    @Test
    public void parseAllKeepsTheOrder() throws Exception {
        assertThat(MatcherParser.parseAll(List.of("a=b", "c!~\"d.*\""))).containsExactly(
                m("a", MatchType.EQUAL, "b"), m("c", MatchType.NOT_REGEX, "d.*"));
        assertThat(MatcherParser.parseAll(List.of())).isEmpty();
        assertThatThrownBy(() -> MatcherParser.parseAll(List.of("a=b")).add(m("x", MatchType.EQUAL, "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    public void parseAllReportsEveryBadMatcherWithItsIndex() throws Exception {
        List<String> texts = Arrays.asList("a=b", "service", "c=\"d", null, "e=~\"(?=x)\"", "f=g");
        AlertingException e = catchThrowableOfType(AlertingException.class, () -> MatcherParser.parseAll(texts));
        assertThat(e).hasMessage("4 of 6 matchers are not valid:"
                + "\nmatcher 2: Matcher 'service' is not valid: there is no operator after the label name 'service'." + EXPECTED
                + "\nmatcher 3: Matcher 'c=\"d' is not valid: the value starts with a quote at position 2 but has no closing "
                + "quote." + EXPECTED
                + "\nmatcher 4: No matcher given (null)." + EXPECTED
                + "\nmatcher 5: Matcher 'e=~\"(?=x)\"' is not valid: the regular expression is not valid for Alertmanager: "
                + "'(?=' is not supported by Go's RE2 (no lookarounds, atomic groups or comments, and no flags but i, m, s "
                + "and U) at position 4." + EXPECTED_REGEX);
        assertThat(e.problems()).extracting(AlertingException::index).containsExactly(1, 2, 3, 4);
        assertThat(e.problems()).extracting(AlertingException::input)
                .containsExactly("service", "c=\"d", null, "e=~\"(?=x)\"");
        assertThat(e.problems()).extracting(AlertingException::position).containsExactly(7, 2, -1, 4);
        assertThat(e.index()).isEqualTo(-1);
        assertThat(e.position()).isEqualTo(-1);
        assertThat(e.input()).isNull();
    }

    @Test
    public void parseAllWithOneBadMatcher() throws Exception {
        assertThatThrownBy(() -> MatcherParser.parseAll(List.of("x")))
                .hasMessageStartingWith("1 of 1 matcher is not valid:\nmatcher 1: Matcher 'x' is not valid:");
        assertThatThrownBy(() -> MatcherParser.parseAll(List.of("a=b", "x")))
                .hasMessageStartingWith("1 of 2 matchers is not valid:\nmatcher 2: Matcher 'x'");
    }

    @Test
    public void parseAllOfNull() throws Exception {
        assertThatThrownBy(() -> MatcherParser.parseAll(null)).isInstanceOf(AlertingException.class)
                .hasMessage("No list of matchers given (null).");
    }

    @Test
    public void theExceptionIsTheCheckedAlertingExceptionOfKindMatcherSyntax() throws Exception {
        // not an IllegalArgumentException: a caller cannot mistake a user's bad matcher for a programming error
        assertThatThrownBy(() -> MatcherParser.parse("x")).isNotInstanceOf(RuntimeException.class)
                .isInstanceOfSatisfying(AlertingException.class,
                        e -> assertThat(e.kind()).isEqualTo(AlertingException.Kind.MATCHER_SYNTAX));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            many.add("bad " + i);
        }
        assertThatThrownBy(() -> MatcherParser.parseAll(many)).isInstanceOfSatisfying(AlertingException.class,
                        e -> assertThat(e.kind()).isEqualTo(AlertingException.Kind.MATCHER_SYNTAX))
                .hasMessageStartingWith("3 of 3 matchers are not valid:");
    }
}
