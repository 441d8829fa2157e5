package io.jenkins.plugins.releaseplaybook.engine.alerting;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads label matchers in Alertmanager's own syntax, as {@code amtool silence add} accepts them, one matcher per
 * string.
 *
 * <h2>Which rules</h2>
 * The rules are those of Alertmanager 0.25.0 (the Debian package here; {@code prometheus-alertmanager --version}),
 * whose {@code amtool silence add} parses each argument with {@code ParseMatcher} of {@code pkg/labels/parse.go}
 * (the "classic" parser). Alertmanager 0.27 and later try the newer UTF-8 parser ({@code matcher/parse/}) first and
 * fall back to the classic one, so text written by these rules keeps working there, except for the escapes noted
 * below. Checked against the source (pkg/labels/parse.go, cli/silence_add.go, silence/silence.go, matcher/parse/,
 * Go 1.19's regexp/syntax) and against the installed amtool 0.25.0 and Alertmanager, with random texts and
 * regular expressions: what one accepts the other accepts, with the same name, operator and value.
 *
 * <h2>Grammar</h2>
 * <pre>
 * matcher  = ws* name ws* operator ws* value ws*
 * name     = [a-zA-Z_][a-zA-Z0-9_]*
 * operator = "=~" | "=" | "!=" | "!~"        (so a=~b is a regex, a= ~b an equality with "~b")
 * value    = '"' (escape | any character but '"' and '\')* '"'
 *          | unquoted: the rest of the text, which must not contain an unescaped '"'
 * escape   = '\' any character
 * ws       = ' ' | '\t' | '\n' | '\f' | '\r'  (Go's \s; not U+000B, no Unicode spaces)
 * </pre>
 * <ul>
 * <li>Escapes, quoted or not: {@code \"} is a quote, {@code \\} a backslash, {@code \n} a line feed. Any other
 * escape keeps its backslash: {@code "\d+"} is the regex {@code \d+}, {@code "\t"} is a backslash and a
 * {@code t}, not a tab (Alertmanager 0.27's UTF-8 parser reads {@code \t}, {@code \r}, {@code \f}, {@code \v},
 * {@code \a}, {@code \b}, {@code \x..}, {@code \}{@code u....} and octal escapes as Go string escapes instead; write
 * {@code \\} to mean a backslash in both). A backslash that ends an unquoted value is kept.</li>
 * <li>An unquoted value runs to the end of the text with the whitespace around it dropped; it may contain
 * spaces ({@code summary=disk full}) and operators ({@code a==b} is {@code a="=b"}); an empty one
 * ({@code env=}) is the empty string, like {@code env=""}. Literal line feeds and control characters are kept.</li>
 * <li>A regex value ({@code =~}, {@code !~}) must compile as Alertmanager compiles it, in Go's RE2 syntax, both
 * alone (the silence API's check, so {@code a)|(b} is refused) and anchored as {@code ^(?:value)$} (amtool and the
 * matching, so an unclosed {@code \Q} is refused). It is compiled by RE2/J, a port of Go's {@code regexp}, which
 * {@link Matcher#pattern()} also matches with; {@link Re2Limits} adds the checks of Go 1.19 that RE2/J lacks
 * (nesting depth, nested repetition counts, program size, and {@code (?<name>)}, which only Go 1.22 knows).</li>
 * </ul>
 * Deliberately stricter than Alertmanager 0.25.0:
 * <ul>
 * <li>Label names follow Prometheus' classic rule {@code [a-zA-Z_][a-zA-Z0-9_]*}. The 0.25.0 parser also lets
 * {@code :} through, but the silence API then refuses the name ("invalid label name"); this parser says so at
 * once.</li>
 * <li>An unquoted value that contains a comma followed by what looks like another matcher ({@code a=b,c=d}) is
 * refused: 0.25.0 would silence {@code a="b,c=d"}, which with {@code !=} silences almost everything. Quote the
 * value when the comma belongs to it. A single matcher is one string: braces and lists are not accepted.</li>
 * <li>The text is at most {@value #MAX_LENGTH} characters long, and so is the matcher's canonical text
 * ({@link Matcher#toString()}, with quotes and escapes), so that what is accepted reads back from what is printed.
 * It must be valid UTF-16 (no unpaired surrogate; Alertmanager requires UTF-8).</li>
 * </ul>
 * Not taken over from amtool: its shortcut that treats a first argument without an operator as the value of
 * {@code alertname}.
 *
 * <p>Every problem is an {@link AlertingException} of kind {@link AlertingException.Kind#MATCHER_SYNTAX}, never
 * another exception.
 */
public final class MatcherParser {

    /**
     * The longest matcher text accepted, in {@code char}s, both as written and as {@link Matcher#toString()} prints
     * it, so that every matcher accepted reads back from its printed text.
     */
    public static final int MAX_LENGTH = 4096;

    static final Text EXPECTED = Text.of("alerting.matcher.expected");
    static final Text EXPECTED_REGEX = Text.of("alerting.matcher.expectedRegex");

    /** How much of a long input the messages quote. */
    private static final int DISPLAY_LENGTH = 120;

    private MatcherParser() {}

    /**
     * Parses one matcher.
     *
     * @throws AlertingException {@link AlertingException.Kind#MATCHER_SYNTAX} if the text is not a valid matcher (or
     *     {@code null}), with the {@link AlertingException#position()} of the problem
     */
    public static Matcher parse(String text) throws AlertingException {
        try {
            return new Parse(text).run();
        } catch (Refused refused) {
            throw refused.failure;
        } catch (RuntimeException | StackOverflowError e) {
            // a bug of this parser: still a clear error about the matcher, never another exception
            Text reason = Text.of("alerting.matcher.uncheckable", e.getClass().getSimpleName());
            throw AlertingException.syntax(text, -1, -1, reason, message(String.valueOf(text), reason, EXPECTED));
        }
    }

    /**
     * Parses a list of matchers, reporting every bad one at once.
     *
     * @return the matchers in list order (unmodifiable; empty for an empty list)
     * @throws AlertingException {@link AlertingException.Kind#MATCHER_SYNTAX} naming each bad matcher with its index,
     *     the {@link AlertingException#problems()} being one exception per bad matcher
     */
    public static List<Matcher> parseAll(List<String> texts) throws AlertingException {
        if (texts == null) {
            Text reason = Text.of("alerting.matchers.null");
            throw AlertingException.syntax(null, -1, -1, reason, reason);
        }
        List<Matcher> matchers = new ArrayList<>(texts.size());
        List<AlertingException> problems = new ArrayList<>();
        for (int index = 0; index < texts.size(); index++) {
            try {
                matchers.add(parse(texts.get(index)));
            } catch (AlertingException e) {
                problems.add(e.withIndex(index));
            }
        }
        if (problems.isEmpty()) {
            return List.copyOf(matchers);
        }
        Text message = Text.of(texts.size() == 1 ? "alerting.matchers.oneOfOne"
                : problems.size() == 1 ? "alerting.matchers.oneOfMany" : "alerting.matchers.manyOfMany",
                problems.size(), texts.size());
        for (AlertingException problem : problems) {
            // Counted from 1, as people count the entries of a list in a Jenkinsfile.
            message = Text.of("alerting.matchers.line", message, problem.index() + 1, problem.text());
        }
        throw AlertingException.syntax(message, problems);
    }

    /**
     * The input as the messages quote it: control characters, unpaired surrogates and line separators escaped
     * ({@code \n}, {@code \t}, {@code \r}, {@code \}{@code uXXXX}), so that a message stays on one line, and cut
     * after {@value #DISPLAY_LENGTH} characters.
     */
    static String display(String input) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(input.length(), DISPLAY_LENGTH);
        for (int k = 0; k < limit; k++) {
            char c = input.charAt(k);
            boolean pairedHigh = Character.isHighSurrogate(c) && k + 1 < input.length()
                    && Character.isLowSurrogate(input.charAt(k + 1));
            boolean pairedLow = Character.isLowSurrogate(c) && k > 0 && Character.isHighSurrogate(input.charAt(k - 1));
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c) && !pairedHigh && !pairedLow) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (input.length() > limit) {
            out.append("…");
        }
        return out.toString();
    }

    static Text message(String input, Text reason, Text expected) {
        Text quoted = input.length() > DISPLAY_LENGTH
                ? Text.of("alerting.matcher.quotedLong", display(input), input.length())
                : Text.of("alerting.matcher.quoted", display(input));
        return Text.of("alerting.matcher.invalid", quoted, reason, expected);
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }

    /** One character for a message: printable as is, else escaped like {@link #display}. */
    private static String show(String text, int at) {
        int cp = text.codePointAt(at);
        return display(new String(Character.toChars(cp)));
    }

    /**
     * Carries a refusal out of the parse, whose every step may refuse: unchecked inside this class only, so that the
     * steps need no {@code throws} clause; {@link #parse} unwraps it.
     */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient AlertingException failure;

        Refused(AlertingException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** The state of parsing one text. */
    private static final class Parse {
        private final String text;
        private final int n;

        Parse(String text) {
            this.text = text;
            this.n = text == null ? 0 : text.length();
        }

        private static Refused refusal(String input, int position, int index, Text reason, Text message) {
            return new Refused(AlertingException.syntax(input, position, index, reason, message));
        }

        private Refused error(int position, String key, Object... args) {
            Text reason = Text.of(key, args);
            return refusal(text, position, -1, reason, message(text, reason, EXPECTED));
        }

        private Refused regexError(int position, String key, Object... args) {
            Text reason = Text.of(key, args);
            return refusal(text, position, -1, reason, message(text, reason, EXPECTED_REGEX));
        }

        Matcher run() {
            if (text == null) {
                throw refusal(null, -1, -1, Text.of("alerting.matcher.nullReason"),
                        Text.of("alerting.matcher.null", EXPECTED));
            }
            if (n > MAX_LENGTH) {
                throw error(MAX_LENGTH, "alerting.matcher.tooLong", n, MAX_LENGTH);
            }
            int p = skipWhitespace(0);
            if (p == n) {
                throw error(-1, text.isEmpty() ? "alerting.matcher.empty" : "alerting.matcher.blank");
            }
            int nameStart = p;
            checkNameStart(p);
            p++;
            while (p < n && isNamePart(text.charAt(p))) {
                p++;
            }
            String name = text.substring(nameStart, p);
            int afterName = p;
            p = skipWhitespace(p);
            MatchType type = null;
            if (p < n && text.charAt(p) == '=') {
                boolean regex = p + 1 < n && text.charAt(p + 1) == '~';
                type = regex ? MatchType.REGEX : MatchType.EQUAL;
                p += regex ? 2 : 1;
            } else if (p < n && text.charAt(p) == '!') {
                char next = p + 1 < n ? text.charAt(p + 1) : 0;
                if (next != '=' && next != '~') {
                    throw error(p, "alerting.matcher.bang", p);
                }
                type = next == '=' ? MatchType.NOT_EQUAL : MatchType.NOT_REGEX;
                p += 2;
            } else {
                throw missingOperator(name, afterName, p);
            }
            p = skipWhitespace(p);
            int end = n;
            while (end > p && isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            Value value = p < end && text.charAt(p) == '"' ? quoted(p) : unquoted(p, end);
            Matcher matcher = new Matcher(name, type, value.text);
            int printed = matcher.toString().length();
            if (printed > MAX_LENGTH) {
                // what is accepted must read back from its printed text (stored in reports, shown in forms)
                throw error(-1, "alerting.matcher.printedTooLong", printed, MAX_LENGTH);
            }
            if (type.isRegex()) {
                checkRegex(matcher, value);
            }
            return matcher;
        }

        private int skipWhitespace(int from) {
            int p = from;
            while (p < n && isWhitespace(text.charAt(p))) {
                p++;
            }
            return p;
        }

        private void checkNameStart(int p) {
            char c = text.charAt(p);
            if (isNameStart(c)) {
                return;
            }
            String hint = switch (c) {
                case '{' -> "alerting.matcher.hint.braces";
                case '"' -> "alerting.matcher.hint.quotedName";
                case '=', '!' -> "alerting.matcher.hint.nameMissing";
                default -> c >= '0' && c <= '9' ? "alerting.matcher.hint.digit" : null;
            };
            throw hint == null ? error(p, "alerting.matcher.nameStart", show(text, p), p)
                    : error(p, "alerting.matcher.nameStartHint", show(text, p), p, Text.of(hint));
        }

        private Refused missingOperator(String name, int afterName, int p) {
            if (p == n) {
                return error(n, "alerting.matcher.noOperator", name);
            }
            char c = text.charAt(p);
            if (p == afterName && c == ':') {
                return error(p, "alerting.matcher.colon", p);
            }
            if (p == afterName && !(c == '~' && p + 1 < n && text.charAt(p + 1) == '=')) {
                return error(p, "alerting.matcher.badNameChar", name, show(text, p), p);
            }
            boolean swapped = c == '~' && p + 1 < n && text.charAt(p + 1) == '=';
            return error(p, swapped ? "alerting.matcher.noOperatorFoundSwapped" : "alerting.matcher.noOperatorFound",
                    name, show(text, p), p);
        }

        /** A decoded value and, for each of its chars, where it starts in the text. */
        private record Value(String text, int[] origins, int end) {
            int position(int index) {
                return index < origins.length ? origins[index] : end;
            }
        }

        private Value quoted(int open) {
            StringBuilder value = new StringBuilder();
            int[] origins = new int[n];
            int q = open + 1;
            while (q < n) {
                char c = text.charAt(q);
                if (c == '"') {
                    int rest = skipWhitespace(q + 1);
                    if (rest < n) {
                        String key = switch (text.charAt(rest)) {
                            case ',' -> "alerting.matcher.afterQuoteComma";
                            case '"' -> "alerting.matcher.afterQuoteQuote";
                            default -> "alerting.matcher.afterQuote";
                        };
                        throw error(rest, key, q, display(text.substring(rest, Math.min(n, rest + 20))), rest);
                    }
                    return new Value(value.toString(), Arrays.copyOf(origins, value.length()), q);
                }
                q = decode(q, n, value, origins);
            }
            throw error(open, "alerting.matcher.noClosingQuote", open);
        }

        private Value unquoted(int start, int end) {
            StringBuilder value = new StringBuilder();
            int[] origins = new int[n];
            int quote = firstQuote(start, end);
            int comma = secondMatcher(start, end);
            if (comma >= 0 && (quote < 0 || comma < quote)) {
                throw error(comma, "alerting.matcher.twoMatchers", display(text.substring(start, end)), comma);
            }
            if (quote >= 0) {
                throw error(quote, "alerting.matcher.unquotedQuote", quote);
            }
            int q = start;
            while (q < end) {
                q = decode(q, end, value, origins);
            }
            return new Value(value.toString(), Arrays.copyOf(origins, value.length()), end);
        }

        /** Appends the character (or escape) at q, returns where the next one starts. */
        private int decode(int q, int limit, StringBuilder value, int[] origins) {
            char c = text.charAt(q);
            if (c == '\\' && q + 1 < limit) {
                char next = text.charAt(q + 1);
                switch (next) {
                    case 'n' -> append(value, origins, '\n', q);
                    case '"', '\\' -> append(value, origins, next, q);
                    default -> {
                        append(value, origins, '\\', q);
                        return q + 1; // the next character is read on its own (it may be a surrogate pair)
                    }
                }
                return q + 2;
            }
            if (Character.isHighSurrogate(c) && q + 1 < limit && Character.isLowSurrogate(text.charAt(q + 1))) {
                append(value, origins, c, q);
                append(value, origins, text.charAt(q + 1), q + 1);
                return q + 2;
            }
            if (Character.isSurrogate(c)) {
                throw error(q, "alerting.matcher.surrogate", q);
            }
            append(value, origins, c, q);
            return q + 1;
        }

        private static void append(StringBuilder value, int[] origins, char c, int origin) {
            origins[value.length()] = origin;
            value.append(c);
        }

        /** The position of the first unescaped quote in an unquoted value, or -1. */
        private int firstQuote(int start, int end) {
            for (int q = start; q < end; q++) {
                char c = text.charAt(q);
                if (c == '\\') {
                    q++;
                } else if (c == '"') {
                    return q;
                }
            }
            return -1;
        }

        /** The position of a comma followed by {@code name op} in an unquoted value, or -1. */
        private int secondMatcher(int start, int end) {
            for (int comma = text.indexOf(',', start); comma >= 0 && comma < end; comma = text.indexOf(',', comma + 1)) {
                int p = comma + 1;
                while (p < end && isWhitespace(text.charAt(p))) {
                    p++;
                }
                if (p >= end || !isNameStart(text.charAt(p))) {
                    continue;
                }
                while (p < end && isNamePart(text.charAt(p))) {
                    p++;
                }
                while (p < end && isWhitespace(text.charAt(p))) {
                    p++;
                }
                if (p < end && (text.charAt(p) == '=' || text.charAt(p) == '!' && p + 1 < end
                        && (text.charAt(p + 1) == '=' || text.charAt(p + 1) == '~'))) {
                    return comma;
                }
            }
            return -1;
        }

        /**
         * Compiles the value as Alertmanager does, in RE2/J (Go's regexp): alone, as the silence API checks it
         * (so {@code a)|(b} is refused), and anchored as {@code ^(?:value)$}, as amtool and the matching compile it
         * (so an unclosed {@code \Q} is refused), after Go's limits that RE2/J does not check ({@link Re2Limits}).
         */
        private void checkRegex(Matcher matcher, Value value) {
            String regex = matcher.value();
            Re2Limits.Issue limit = Re2Limits.check(regex);
            if (limit != null) {
                int at = value.position(limit.index());
                Text reason = switch (limit.kind()) {
                    case TOO_DEEP -> Text.of("alerting.re2.tooDeep", Re2Limits.MAX_HEIGHT);
                    case TOO_LARGE -> Text.of("alerting.re2.tooLarge", Re2Limits.MAX_SIZE);
                    case REPEAT_PRODUCT -> Text.of("alerting.re2.repeatProduct", limit.text(), at, Re2Limits.MAX_REPEAT);
                    case ANGLE_NAME -> Text.of("alerting.re2.angleName", at);
                    case LOOKBEHIND -> Text.of("alerting.re2.at", Text.of("alerting.re2.perlSyntax", limit.text()), at);
                    case NON_ASCII_ESCAPE -> Text.of("alerting.re2.at", Text.of("alerting.re2.invalidEscape",
                            display(limit.text())), at);
                    case UNEXPECTED_PAREN -> Text.of("alerting.re2.unexpectedParen", at);
                };
                throw regexError(limit.kind() == Re2Limits.Kind.TOO_DEEP || limit.kind() == Re2Limits.Kind.TOO_LARGE
                        ? -1 : at, "alerting.matcher.regexInvalid", reason);
            }
            try {
                Pattern.compile(Re2Limits.forRe2j(regex));
                matcher.pattern();
            } catch (PatternSyntaxException e) {
                String fragment = e.getPattern();
                int index = fragment.isEmpty() ? -1 : regex.indexOf(fragment);
                int at = index < 0 || fragment.equals(regex) ? -1 : value.position(index);
                Text reason = re2Reason(e.getDescription(), display(fragment));
                throw regexError(at, "alerting.matcher.regexInvalid",
                        at < 0 ? reason : Text.of("alerting.re2.at", reason, at));
            }
        }
    }

    /** RE2's error codes (Go's {@code regexp/syntax.ErrorCode}, as RE2/J words them) as keyed texts. */
    private static Text re2Reason(String code, String fragment) {
        String key = switch (code) {
            case "missing closing )" -> "alerting.re2.missingParen";
            case "missing closing ]" -> "alerting.re2.missingBracket";
            case "invalid character class range" -> "alerting.re2.invalidCharRange";
            case "invalid character class" -> "alerting.re2.invalidCharClass";
            case "invalid escape sequence" -> "alerting.re2.invalidEscape";
            case "invalid named capture" -> "alerting.re2.invalidNamedCapture";
            case "duplicate capture group name" -> "alerting.re2.duplicateName";
            case "invalid or unsupported Perl syntax" -> "alerting.re2.perlSyntax";
            case "invalid nested repetition operator" -> "alerting.re2.nestedRepeat";
            case "invalid repeat count" -> "alerting.re2.repeatSize";
            case "missing argument to repetition operator" -> "alerting.re2.missingRepeatArgument";
            case "trailing backslash at end of expression" -> "alerting.re2.trailingBackslash";
            default -> null;
        };
        // an error code of a later RE2/J: its own (English) words
        return key == null ? Text.of("alerting.re2.other", code, fragment) : Text.of(key, fragment);
    }
}
