package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Checks the value of a regex matcher the way Alertmanager 0.25.0 does: anchored as {@code ^(?:value)$} and
 * parsed by Go's {@code regexp/syntax} in Perl mode (Go 1.19.8, the toolchain of the Debian build; Unicode
 * 13.0 tables). The walk follows Go's parser: the same escapes, groups, flags, character classes and
 * repetition rules, the limit of 1000 on a repetition count and on the product of nested counts, the nesting
 * limit of 1000 and the size limit of 3,355,443 compiled instructions (for these last two the parse tree is
 * approximated: Go's factoring of alternations is not reproduced). Go's limit on the runes of character classes
 * cannot be reached within {@link MatcherParser#MAX_LENGTH}.
 *
 * <p>It also reports the constructs that RE2 accepts but Java's {@code java.util.regex}, which {@link Matcher}
 * uses, reads differently ({@link Kind#DIVERGENT}) or refuses ({@link Kind#JAVA_INCOMPATIBLE}), so that what
 * the engine matches is what Alertmanager silences.
 *
 * <p>The walk is iterative (an explicit stack, as in Go), so no input can overflow the Java stack.
 */
final class Re2Syntax {

    /** How a problem relates to the two regex engines. */
    enum Kind {
        /** Alertmanager (RE2) refuses the expression. */
        RE2_INVALID,
        /** RE2 accepts it, Java accepts it too but matches something else. */
        DIVERGENT,
        /** RE2 accepts it, Java refuses it (the hint says what to write instead, where there is a way). */
        JAVA_INCOMPATIBLE
    }

    /** A problem, {@code index} being a position in the regex value (its length when at the end). */
    record Issue(Kind kind, String reason, int index) {}

    static final int MAX_REPEAT = 1000;
    static final int MAX_HEIGHT = 1000;
    /** Go's {@code maxSize}: 128 MiB of 40-byte instructions. */
    static final long MAX_SIZE = (128L << 20) / 40;

    private static final String PREFIX = "^(?:";
    private static final String SUFFIX = ")$";
    private static final long BIG = 1L << 40;

    /** Go 1.19's {@code unicode.Categories}. */
    private static final Set<String> CATEGORIES = Set.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt",
            "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S",
            "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

    /** Go 1.19's {@code unicode.Scripts} (Unicode 13.0.0); names are case-sensitive there. */
    private static final Set<String> SCRIPTS = Set.of("Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic",
            "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo",
            "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal", "Carian", "Caucasian_Albanian",
            "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot", "Cyrillic",
            "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs", "Elbasan",
            "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati",
            "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew",
            "Hiragana", "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian",
            "Javanese", "Kaithi", "Kannada", "Katakana", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer",
            "Khojki", "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian",
            "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi",
            "Medefaidrin", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao",
            "Modi", "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "Nandinagari", "New_Tai_Lue", "Newa",
            "Nko", "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic",
            "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic",
            "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician",
            "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham",
            "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac",
            "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangut", "Telugu",
            "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Ugaritic", "Vai", "Wancho", "Warang_Citi",
            "Yezidi", "Yi", "Zanabazar_Square");

    /** The POSIX classes of RE2, {@code [:name:]} and {@code [:^name:]} inside brackets. */
    private static final Set<String> POSIX = Set.of("alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
            "lower", "print", "punct", "space", "upper", "word", "xdigit");

    private Re2Syntax() {}

    /**
     * Checks a regex matcher's value as Alertmanager compiles it: alone, as the silence API validates it
     * ({@code silence.validateMatcher}), and anchored, as {@code amtool} and the matching do ({@code
     * labels.NewMatcher}); {@code null} when there is no problem. An error of RE2 wins over a Java difference.
     *
     * @param where turns an index in the value (its length: the end) into the position that messages name
     */
    static Issue check(String value, IntUnaryOperator where) {
        Issue alone = new Walk(value, 0, 0, where).run();
        if (alone != null && alone.kind() == Kind.RE2_INVALID) {
            return alone;
        }
        Issue anchored = new Walk(PREFIX + value + SUFFIX, PREFIX.length(), SUFFIX.length(), where).run();
        if (anchored != null && anchored.kind() == Kind.RE2_INVALID || alone == null) {
            return anchored;
        }
        return alone;
    }

    /** The value's index of an index of the text walked, clamped to the value. */
    private static int valueIndex(int index, int prefix, int valueLength) {
        return Math.max(0, Math.min(valueLength, index - prefix));
    }

    // ---- parse tree (just what the limits need) ----

    private static final int LITERAL = 0;
    private static final int CLASS = 1;
    private static final int ASSERTION = 2;
    private static final int EMPTY = 3;
    private static final int CONCAT = 4;
    private static final int ALTERNATE = 5;
    private static final int STAR = 6;
    private static final int PLUS = 7;
    private static final int QUEST = 8;
    private static final int REPEAT = 9;
    private static final int CAPTURE = 10;
    /** Pseudo-operators on the stack: an open group and a {@code |}. */
    private static final int LEFT_PAREN = 11;
    private static final int VERTICAL_BAR = 12;

    private static final class Node {
        final int op;
        /** Runes of a literal string. */
        int runes;
        boolean fold;
        /** Go's calcSize, its tree height and the product of nested repetition counts (repeatIsValid). */
        long size = 1;
        int height = 1;
        long product = 1;
        /** Of an open group: where it starts, whether it captures, the case folding outside it. */
        int position;
        boolean capture;
        boolean outerFold;
        List<Node> subs;

        Node(int op) {
            this.op = op;
        }

        boolean pseudo() {
            return op >= LEFT_PAREN;
        }

        boolean charClassLike() {
            return op == CLASS || op == LITERAL && runes == 1;
        }
    }

    private static long add(long a, long b) {
        return Math.min(BIG, a + b);
    }

    private static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > BIG / b ? BIG : Math.min(BIG, a * b);
    }

    /** Stops the walk at the first problem Alertmanager would report. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Issue issue;

        Stop(Issue issue) {
            super(null, null, false, false);
            this.issue = issue;
        }
    }

    private static final class Walk {
        private final String s;
        private final int n;
        private final IntUnaryOperator where;
        /** Where the value starts and ends in {@link #s}: around it the anchoring, if any. */
        private final int prefix;
        private final int valueEnd;
        /** Index of the {@code )} that closes the anchoring group. */
        private final int wrapperClose;
        private final List<Node> stack = new ArrayList<>();
        private int i;
        private boolean fold;
        private boolean lastRepeat;
        private int lastRepeatStart = -1;
        /** The user's group that the anchoring {@code )} closed, when the user left one open. */
        private int unclosedGroup = -1;
        /** A {@code \Q} without {@code \E}, which runs to the end. */
        private int openQuote = -1;
        /** The first problem that does not stop RE2 (a Java difference); a later RE2 error wins. */
        private Issue soft;

        Walk(String s, int prefix, int suffix, IntUnaryOperator where) {
            this.s = s;
            this.where = where;
            this.n = s.length();
            this.prefix = prefix;
            this.valueEnd = n - suffix;
            this.wrapperClose = suffix == 0 ? -1 : valueEnd;
        }

        Issue run() {
            try {
                parse();
                return soft;
            } catch (Stop stop) {
                return stop.issue;
            }
        }

        /** The position to name in a message for an index of the anchored text. */
        private int pos(int index) {
            return where.applyAsInt(valueIndex(index, prefix, valueEnd - prefix));
        }

        private void fail(int at, String reason) {
            throw new Stop(new Issue(Kind.RE2_INVALID, reason, valueIndex(at, prefix, valueEnd - prefix)));
        }

        private void note(Kind kind, int at, String reason) {
            if (soft == null) {
                soft = new Issue(kind, reason, valueIndex(at, prefix, valueEnd - prefix));
            }
        }

        /** Text of the value for a message (never the anchoring around it). */
        private String text(int from, int to) {
            int start = Math.max(prefix, Math.min(valueEnd, from));
            return s.substring(start, Math.max(start, Math.min(valueEnd, to)));
        }

        private void parse() {
            while (i < n) {
                boolean repeat = false;
                int start = i;
                char c = s.charAt(i);
                switch (c) {
                    case '(' -> {
                        if (i + 1 < n && s.charAt(i + 1) == '?') {
                            parseGroupOrFlags();
                        } else {
                            openGroup(i, true);
                            i++;
                        }
                    }
                    case '|' -> {
                        concat();
                        stack.add(new Node(VERTICAL_BAR));
                        i++;
                    }
                    case ')' -> {
                        closeGroup();
                        i++;
                    }
                    case '^', '$' -> {
                        push(new Node(ASSERTION));
                        i++;
                    }
                    case '.' -> {
                        push(new Node(CLASS));
                        i++;
                    }
                    case '[' -> parseClass();
                    case '*', '+', '?' -> {
                        i++;
                        repeat(c == '*' ? STAR : c == '+' ? PLUS : QUEST, 0, 0, start);
                        repeat = true;
                    }
                    case '{' -> repeat = parseBrace();
                    case '\\' -> parseBackslash();
                    default -> {
                        int cp = s.codePointAt(i);
                        i += Character.charCount(cp);
                        literal();
                    }
                }
                if (repeat) {
                    lastRepeatStart = start;
                }
                lastRepeat = repeat;
            }
            concat();
            Node body = alternate();
            if (!stack.isEmpty()) {
                if (openQuote >= 0) {
                    fail(openQuote, "'\\Q' at position %d has no closing '\\E'".formatted(pos(openQuote)));
                }
                int at = unclosedGroup >= 0 ? unclosedGroup : stack.get(stack.size() - 1).position;
                if (at >= prefix) {
                    fail(at, "the group opened at position %d is not closed with ')'".formatted(pos(at)));
                }
                int backslashes = 0;
                while (valueEnd - 1 - backslashes >= prefix && s.charAt(valueEnd - 1 - backslashes) == '\\') {
                    backslashes++;
                }
                fail(valueEnd, backslashes % 2 == 1
                        ? "it ends with a lone backslash, which escapes nothing"
                        : "it is incomplete at the end: a group is not closed with ')'");
            }
            push(body);
        }

        // ---- stack ----

        private void push(Node node) {
            checkLimits(node);
            stack.add(node);
        }

        private void checkLimits(Node node) {
            if (node.height > MAX_HEIGHT) {
                fail(Math.min(i, n), "it nests more than %d levels deep, the limit of Alertmanager's regex engine"
                        .formatted(MAX_HEIGHT));
            }
            if (node.size > MAX_SIZE) {
                fail(Math.min(i, n), ("it is too large for Alertmanager's regex engine: its repetitions expand to "
                        + "more than %,d instructions").formatted(MAX_SIZE));
            }
        }

        private Node top() {
            return stack.isEmpty() ? null : stack.get(stack.size() - 1);
        }

        private void literal() {
            Node node = new Node(LITERAL);
            node.runes = 1;
            node.fold = fold;
            push(node);
        }

        private void openGroup(int position, boolean capture) {
            Node node = new Node(LEFT_PAREN);
            node.position = position;
            node.capture = capture;
            node.outerFold = fold;
            stack.add(node);
        }

        /** Replaces the items above the topmost pseudo-operator by their concatenation. */
        private void concat() {
            int from = stack.size();
            while (from > 0 && !stack.get(from - 1).pseudo()) {
                from--;
            }
            List<Node> subs = new ArrayList<>(stack.subList(from, stack.size()));
            stack.subList(from, stack.size()).clear();
            push(concatenation(subs));
        }

        /** Removes the alternatives above the topmost open group (or all) and returns their alternation. */
        private Node alternate() {
            int from = stack.size();
            while (from > 0 && stack.get(from - 1).op != LEFT_PAREN) {
                from--;
            }
            List<Node> subs = new ArrayList<>();
            for (Node node : stack.subList(from, stack.size())) {
                if (node.op != VERTICAL_BAR) {
                    subs.add(node);
                }
            }
            stack.subList(from, stack.size()).clear();
            return alternation(subs);
        }

        private void closeGroup() {
            int at = i;
            concat();
            Node body = alternate();
            Node open = top();
            if (open == null || open.op != LEFT_PAREN) {
                fail(at, "the ')' at position %d closes no group".formatted(pos(at)));
            }
            stack.remove(stack.size() - 1);
            fold = open.outerFold;
            if (at == wrapperClose && open.position >= prefix) {
                unclosedGroup = open.position;
            }
            if (open.capture) {
                Node capture = new Node(CAPTURE);
                capture.size = add(2, body.size);
                capture.height = body.height + 1;
                capture.product = body.product;
                push(capture);
            } else {
                push(body);
            }
        }

        private Node concatenation(List<Node> subs) {
            List<Node> flat = new ArrayList<>();
            for (Node sub : subs) {
                for (Node part : sub.op == CONCAT ? sub.subs : List.of(sub)) {
                    Node last = flat.isEmpty() ? null : flat.get(flat.size() - 1);
                    if (last != null && last.op == LITERAL && part.op == LITERAL && last.fold == part.fold) {
                        Node merged = new Node(LITERAL);
                        merged.fold = last.fold;
                        merged.runes = last.runes + part.runes;
                        merged.size = merged.runes;
                        flat.set(flat.size() - 1, merged);
                    } else {
                        flat.add(part);
                    }
                }
            }
            if (flat.isEmpty()) {
                return new Node(EMPTY);
            }
            if (flat.size() == 1) {
                return flat.get(0);
            }
            return composite(CONCAT, flat, 0);
        }

        private Node alternation(List<Node> subs) {
            List<Node> flat = new ArrayList<>();
            for (Node sub : subs) {
                for (Node part : sub.op == ALTERNATE ? sub.subs : List.of(sub)) {
                    Node last = flat.isEmpty() ? null : flat.get(flat.size() - 1);
                    if (last != null && last.charClassLike() && part.charClassLike()) {
                        flat.set(flat.size() - 1, new Node(CLASS));
                    } else {
                        flat.add(part);
                    }
                }
            }
            if (flat.isEmpty()) {
                return new Node(EMPTY);
            }
            if (flat.size() == 1) {
                return flat.get(0);
            }
            return composite(ALTERNATE, flat, flat.size() - 1);
        }

        private static Node composite(int op, List<Node> subs, long extraSize) {
            Node node = new Node(op);
            node.subs = subs;
            long size = extraSize;
            int height = 0;
            long product = 1;
            for (Node sub : subs) {
                size = add(size, sub.size);
                height = Math.max(height, sub.height);
                product = Math.max(product, sub.product);
            }
            node.size = Math.max(1, size);
            node.height = height + 1;
            node.product = product;
            return node;
        }

        // ---- repetition ----

        /** Applies a repetition operator ending before {@link #i} to the top of the stack. */
        private void repeat(int op, int min, int max, int start) {
            if (i < n && s.charAt(i) == '?') {
                i++;
            }
            if (lastRepeat) {
                String both = text(lastRepeatStart, i);
                if (s.charAt(start) == '+') {
                    fail(lastRepeatStart, ("it uses the possessive quantifier '%s' at position %d, which Alertmanager's "
                            + "regex engine (Go RE2) does not support").formatted(both, pos(lastRepeatStart)));
                }
                fail(lastRepeatStart, "the repetition operators '%s' at position %d repeat a repetition, which RE2 refuses"
                        .formatted(both, pos(lastRepeatStart)));
            }
            Node sub = top();
            if (sub == null || sub.pseudo()) {
                fail(start, "the repetition operator '%s' at position %d has nothing to repeat"
                        .formatted(text(start, i), pos(start)));
            }
            Node node = new Node(op);
            node.height = sub.height + 1;
            switch (op) {
                case STAR -> {
                    node.size = add(2, sub.size);
                    node.product = sub.product;
                }
                case PLUS, QUEST -> {
                    node.size = add(1, sub.size);
                    node.product = sub.product;
                }
                default -> {
                    if (max == -1) {
                        node.size = min == 0 ? add(2, sub.size) : add(1, multiply(min, sub.size));
                    } else {
                        node.size = Math.max(1, add(multiply(max, sub.size), max - min));
                    }
                    if (max == 0) {
                        node.product = 1;
                    } else {
                        int m = max < 0 ? min : max;
                        node.product = multiply(Math.max(m, 1), sub.product);
                    }
                }
            }
            stack.set(stack.size() - 1, node);
            checkLimits(node);
            if (op == REPEAT && (min >= 2 || max >= 2) && node.product > MAX_REPEAT) {
                fail(start, ("the repetition '%s' at position %d repeats a repeated expression more than %d times in "
                        + "all, the limit of Alertmanager's regex engine").formatted(text(start, i),
                        pos(start), MAX_REPEAT));
            }
        }

        /** At '{': a counted repetition, or a literal brace. Returns whether it was a repetition. */
        private boolean parseBrace() {
            int start = i;
            int[] counts = repeatCounts(start);
            if (counts == null) {
                if (javaRepetitionAt(start)) {
                    note(Kind.DIVERGENT, start, ("'%s' at position %d is a literal text for Alertmanager (RE2 allows no "
                            + "leading zeros in a repetition count) but a repetition for Java; escape the brace as '\\{' "
                            + "or drop the leading zeros").formatted(text(start, s.indexOf('}', start) + 1),
                            pos(start)));
                } else {
                    note(Kind.JAVA_INCOMPATIBLE, start, ("the '{' at position %d is a literal brace for Alertmanager but "
                            + "Java's regex engine refuses it; escape it as '\\{'").formatted(pos(start)));
                }
                i++;
                literal();
                return false;
            }
            int min = counts[0];
            int max = counts[1];
            i = counts[2];
            if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || max >= 0 && min > max) {
                fail(start, "the repetition count '%s' at position %d is invalid (at most %d, and min <= max)"
                        .formatted(text(start, i), pos(start), MAX_REPEAT));
            }
            repeat(REPEAT, min, max, start);
            return true;
        }

        /** Go's parseRepeat: {min, max, end} (max -1: open; min -1: a number too big) or null when not a repeat. */
        private int[] repeatCounts(int start) {
            int j = start + 1;
            int[] first = integer(j);
            if (first == null) {
                return null;
            }
            int min = first[0];
            int max;
            j = first[1];
            if (j >= n) {
                return null;
            }
            if (s.charAt(j) != ',') {
                max = min;
            } else {
                j++;
                if (j >= n) {
                    return null;
                }
                if (s.charAt(j) == '}') {
                    max = -1;
                } else {
                    int[] second = integer(j);
                    if (second == null) {
                        return null;
                    }
                    max = second[0];
                    j = second[1];
                    if (max < 0) {
                        min = -1;
                    }
                }
            }
            if (j >= n || s.charAt(j) != '}') {
                return null;
            }
            return new int[] {min, max, j + 1};
        }

        /** Go's parseInt: {value or -1 when at least 10^8, end}; null when no digits or a leading zero. */
        private int[] integer(int j) {
            if (j >= n || !isDigit(s.charAt(j))) {
                return null;
            }
            if (j + 1 < n && s.charAt(j) == '0' && isDigit(s.charAt(j + 1))) {
                return null;
            }
            int value = 0;
            int k = j;
            while (k < n && isDigit(s.charAt(k))) {
                if (value >= 0) {
                    value = value >= 100_000_000 ? -1 : value * 10 + (s.charAt(k) - '0');
                }
                k++;
            }
            return new int[] {value, k};
        }

        /** Whether Java reads a counted repetition at this '{' ({n}, {n,}, {n,m}, leading zeros allowed). */
        private boolean javaRepetitionAt(int start) {
            int j = start + 1;
            int digits = j;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
            }
            if (j == digits || j >= n) {
                return false;
            }
            if (s.charAt(j) == ',') {
                j++;
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
            }
            return j < n && s.charAt(j) == '}';
        }

        // ---- groups and flags ----

        private void parseGroupOrFlags() {
            int start = i;
            if (n - i > 4 && s.charAt(i + 2) == 'P' && s.charAt(i + 3) == '<') {
                int end = s.indexOf('>', i);
                if (end < 0) {
                    fail(start, "the named group at position %d has no closing '>'".formatted(pos(start)));
                }
                String name = s.substring(i + 4, end);
                if (!validCaptureName(name)) {
                    fail(start, "the group name '%s' at position %d is not valid (letters, digits and '_' only)"
                            .formatted(name, pos(start)));
                }
                note(Kind.JAVA_INCOMPATIBLE, start, ("the named group '(?P<%s>' at position %d is RE2 syntax that Java's "
                        + "regex engine does not accept; names do not matter for matching, so use a plain group '(...)'")
                        .formatted(name, pos(start)));
                openGroup(start, true);
                i = end + 1;
                return;
            }
            int j = i + 2;
            boolean negated = false;
            boolean sawFlag = false;
            boolean newFold = fold;
            while (j < n) {
                char c = s.charAt(j);
                j++;
                switch (c) {
                    case 'i' -> {
                        newFold = !negated;
                        sawFlag = true;
                    }
                    case 'm', 's' -> sawFlag = true;
                    case 'U' -> {
                        sawFlag = true;
                        note(Kind.DIVERGENT, start, ("the flag 'U' at position %d makes repetitions non-greedy in RE2 "
                                + "but switches Java to Unicode character classes; Alertmanager matches whole values, "
                                + "where greediness changes nothing, so leave it out").formatted(pos(j - 1)));
                    }
                    case '-' -> {
                        if (negated) {
                            failGroup(start);
                        }
                        negated = true;
                        sawFlag = false;
                    }
                    case ':', ')' -> {
                        if (negated && !sawFlag) {
                            failGroup(start);
                        }
                        if (c == ':') {
                            openGroup(start, false);
                        }
                        fold = newFold;
                        i = j;
                        return;
                    }
                    default -> failGroup(start);
                }
            }
            failGroup(start);
        }

        private void failGroup(int start) {
            String rest = s.substring(start);
            int at = pos(start);
            String what;
            if (rest.startsWith("(?=")) {
                what = "a lookahead '(?='";
            } else if (rest.startsWith("(?!")) {
                what = "a negative lookahead '(?!'";
            } else if (rest.startsWith("(?<=")) {
                what = "a lookbehind '(?<='";
            } else if (rest.startsWith("(?<!")) {
                what = "a negative lookbehind '(?<!'";
            } else if (rest.startsWith("(?>")) {
                what = "an atomic group '(?>'";
            } else if (rest.startsWith("(?<")) {
                what = "a named group '(?<name>' (only Go 1.22 and later know this form; use a plain group '(...)')";
            } else if (rest.startsWith("(?#")) {
                what = "a comment '(?#'";
            } else if (rest.startsWith("(?P")) {
                what = "a named back reference or recursion '(?P'";
            } else {
                int end = s.indexOf(')', start);
                String group = text(start, end < 0 ? n : end + 1);
                fail(start, ("the group or flags '%s' at position %d are not valid: Alertmanager's regex engine "
                        + "(Go RE2) knows only the flags i, m, s and U, as in (?i) or (?i:...) or (?-s)")
                        .formatted(group, at));
                return;
            }
            fail(start, "it uses %s at position %d, which Alertmanager's regex engine (Go RE2) does not support"
                    .formatted(what, at));
        }

        private static boolean validCaptureName(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (int k = 0; k < name.length(); k++) {
                char c = name.charAt(k);
                if (c != '_' && !isAlnum(c)) {
                    return false;
                }
            }
            return true;
        }

        // ---- escapes ----

        private void parseBackslash() {
            int start = i;
            if (i + 1 < n) {
                switch (s.charAt(i + 1)) {
                    case 'A', 'b', 'B', 'z' -> {
                        i += 2;
                        push(new Node(ASSERTION));
                        return;
                    }
                    case 'C' -> fail(start, ("the escape '\\C' (any byte) at position %d is not supported by "
                            + "Alertmanager's regex engine (Go RE2)").formatted(pos(start)));
                    case 'Q' -> {
                        int end = s.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        int k = i + 2;
                        while (k < stop) {
                            k += Character.charCount(s.codePointAt(k));
                            i = k;
                            literal();
                        }
                        if (end < 0) {
                            openQuote = start;
                            i = n;
                        } else {
                            i = end + 2;
                        }
                        return;
                    }
                    case 'p', 'P' -> {
                        unicodeClass();
                        push(new Node(CLASS));
                        return;
                    }
                    case 'd', 'D', 's', 'S', 'w', 'W' -> {
                        i += 2;
                        push(new Node(CLASS));
                        return;
                    }
                    default -> {
                        // an ordinary escape
                    }
                }
            }
            escape(false);
            literal();
        }

        /** Go's parseEscape at {@link #i} (a backslash); moves past it and returns the character. */
        private int escape(boolean inClass) {
            int start = i;
            int at = pos(start);
            if (i + 1 >= n) {
                fail(start, "it ends with a lone backslash, which escapes nothing");
            }
            int c = s.codePointAt(i + 1);
            i += 1 + Character.charCount(c);
            if (c < 0x80 && !isAlnum(c)) {
                return c;
            }
            switch (c) {
                case '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i < n && isOctal(s.charAt(i))) {
                        int value = c - '0';
                        for (int k = 1; k < 3 && i < n && isOctal(s.charAt(i)); k++) {
                            value = value * 8 + s.charAt(i) - '0';
                            i++;
                        }
                        note(Kind.DIVERGENT, start, ("'%s' at position %d is an octal character code in RE2 but a back "
                                + "reference in Java; write '\\x{%x}' instead").formatted(text(start, i), at, value));
                        return value;
                    }
                    fail(start, backReference(start, at));
                }
                case '8', '9' -> fail(start, backReference(start, at));
                case '0' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i < n && isOctal(s.charAt(i))) {
                        value = value * 8 + s.charAt(i) - '0';
                        i++;
                        digits++;
                    }
                    if (digits == 0) {
                        note(Kind.JAVA_INCOMPATIBLE, start, ("'\\0' at position %d is the NUL character in RE2 but Java "
                                + "refuses it; write '\\x00'").formatted(at));
                    } else if (digits == 2 && i < n && isOctal(s.charAt(i)) && s.charAt(start + 2) <= '3') {
                        note(Kind.DIVERGENT, start, ("'%s' at position %d is the octal code '%s' and a '%c' for RE2 but "
                                + "one octal code for Java; write '\\x{%x}' instead of '%s'").formatted(
                                text(start, i + 1), at, text(start, i), s.charAt(i), value, text(start, i)));
                    }
                    return value;
                }
                case 'x' -> {
                    return hexEscape(start, at);
                }
                case 'a' -> {
                    return 7;
                }
                case 'f' -> {
                    return '\f';
                }
                case 'n' -> {
                    return '\n';
                }
                case 'r' -> {
                    return '\r';
                }
                case 't' -> {
                    return '\t';
                }
                case 'v' -> {
                    note(Kind.DIVERGENT, start, ("'\\v' at position %d is a vertical tab in RE2 but any vertical "
                            + "whitespace in Java; write '\\x0B'").formatted(at));
                    return 0x0B;
                }
                default -> fail(start, unsupportedEscape(c, inClass, at));
            }
            return 0;
        }

        private String backReference(int start, int at) {
            return ("it uses the back reference '%s' at position %d, which Alertmanager's regex engine (Go RE2) does "
                    + "not support").formatted(text(start, start + 2), at);
        }

        private String unsupportedEscape(int c, boolean inClass, int at) {
            String escape = "\\" + new String(Character.toChars(c));
            String meaning = switch (c) {
                case 'Z' -> " (Java's end of input before a final line break; use '$' or '\\z')";
                case 'G' -> " (Java's end of the previous match)";
                case 'R' -> " (Java's line break)";
                case 'X' -> " (Java's grapheme cluster)";
                case 'h', 'H', 'V' -> " (Java's horizontal or vertical whitespace classes)";
                case 'e' -> " (Java's escape character; write '\\x1B')";
                case 'c' -> " (Java's control character; write '\\x..')";
                case 'k' -> " (Java's named back reference)";
                case 'u' -> " (write '\\x{...}' for a character code)";
                case 'N' -> " (Java's named character)";
                case 'E' -> " (an '\\E' without '\\Q')";
                case 'Q' -> inClass ? " ('\\Q...\\E' is not allowed inside a character class)" : "";
                case 'b' -> inClass ? " (a backspace inside a character class; write '\\x08')" : "";
                default -> c >= 0x80 ? " (only ASCII punctuation may be escaped; write the character alone)" : "";
            };
            return ("it uses the escape '%s' at position %d%s, which Alertmanager's regex engine (Go RE2) does not "
                    + "support").formatted(escape, at, meaning);
        }

        private int hexEscape(int start, int at) {
            String bad = "the escape '%s' at position %d is not valid: write '\\xHH' with two hex digits or '\\x{H...}'";
            if (i >= n) {
                fail(start, bad.formatted(text(start, i), at));
            }
            char c = s.charAt(i);
            i++;
            if (c == '{') {
                int digits = 0;
                int value = 0;
                while (true) {
                    if (i >= n) {
                        fail(start, bad.formatted(text(start, i), at));
                    }
                    char d = s.charAt(i);
                    i++;
                    if (d == '}') {
                        break;
                    }
                    int v = Character.digit(d, 16);
                    if (v < 0 || d > 'f') {
                        fail(start, bad.formatted(text(start, i), at));
                    }
                    value = value * 16 + v;
                    if (value > Character.MAX_CODE_POINT) {
                        fail(start, bad.formatted(text(start, i), at));
                    }
                    digits++;
                }
                if (digits == 0) {
                    fail(start, bad.formatted(text(start, i), at));
                }
                return value;
            }
            int high = hex(c);
            if (i >= n) {
                fail(start, bad.formatted(text(start, i), at));
            }
            int low = hex(s.charAt(i));
            i++;
            if (high < 0 || low < 0) {
                fail(start, bad.formatted(text(start, i), at));
            }
            return high * 16 + low;
        }

        private static int hex(char c) {
            return c < 0x80 ? Character.digit(c, 16) : -1;
        }

        /** At '\p' or '\P': a Unicode class by Go 1.19's rules. */
        private void unicodeClass() {
            int start = i;
            int at = pos(start);
            boolean negated = false;
            int j = i + 2;
            String name;
            if (j >= n) {
                name = "";
                i = j;
            } else if (s.charAt(j) != '{') {
                int cp = s.codePointAt(j);
                name = new String(Character.toChars(cp));
                i = j + Character.charCount(cp);
            } else {
                int end = s.indexOf('}', j);
                if (end < 0) {
                    fail(start, "the Unicode class '%s' at position %d has no closing '}'"
                            .formatted(text(start, j + 1), at));
                }
                name = s.substring(j + 1, end);
                i = end + 1;
            }
            String seq = text(start, i);
            if (name.startsWith("^")) {
                negated = true;
                name = name.substring(1);
            }
            boolean script = SCRIPTS.contains(name);
            if (!name.equals("Any") && !CATEGORIES.contains(name) && !script) {
                String hint = name.startsWith("Is") || name.startsWith("In")
                        ? "; RE2 writes scripts without a prefix, e.g. \\p{Greek}, and knows no blocks"
                        : "; RE2 knows Unicode categories such as \\p{L} or \\p{Lu}, scripts such as \\p{Greek} and "
                                + "\\p{Any}";
                fail(start, "the Unicode class '%s' at position %d is unknown to Alertmanager's regex engine (Go RE2)%s"
                        .formatted(seq, at, hint));
            }
            if (script) {
                note(Kind.JAVA_INCOMPATIBLE, start, ("Java knows scripts only as \\p{Is%s}, which Alertmanager refuses, "
                        + "so no spelling of '%s' works for both: list the characters instead").formatted(name, seq));
            } else if (name.equals("Any")) {
                note(Kind.JAVA_INCOMPATIBLE, start, "Java does not know '%s'; write '(?s:.)' or '[\\s\\S]' instead"
                        .formatted(seq));
            } else if (negated) {
                note(Kind.JAVA_INCOMPATIBLE, start, "Java does not know the negation '%s'; write '\\%s{%s}' instead"
                        .formatted(seq, s.charAt(start + 1) == 'p' ? 'P' : 'p', name));
            }
        }

        // ---- character classes ----

        private void parseClass() {
            int open = i;
            i++;
            if (i < n && s.charAt(i) == '^') {
                i++;
            }
            boolean first = true;
            while (i >= n || s.charAt(i) != ']' || first) {
                first = false;
                if (n - i > 2 && s.charAt(i) == '[' && s.charAt(i + 1) == ':') {
                    int close = s.indexOf(":]", i + 2);
                    if (close >= 0) {
                        String name = s.substring(i, close + 2);
                        String bare = name.substring(2, name.length() - 2);
                        if (bare.startsWith("^")) {
                            bare = bare.substring(1);
                        }
                        if (!POSIX.contains(bare)) {
                            fail(i, "the POSIX class '%s' at position %d is unknown to Alertmanager's regex engine"
                                    .formatted(name, pos(i)));
                        }
                        note(Kind.DIVERGENT, i, ("the POSIX class '%s' at position %d is a nested set of characters "
                                + "for Java; write a Unicode class such as \\p{L} or a range such as a-zA-Z instead")
                                .formatted(name, pos(i)));
                        i = close + 2;
                        continue;
                    }
                }
                if (i + 1 < n && s.charAt(i) == '\\' && (s.charAt(i + 1) == 'p' || s.charAt(i + 1) == 'P')) {
                    unicodeClass();
                    continue;
                }
                if (i + 1 < n && s.charAt(i) == '\\' && "dDsSwW".indexOf(s.charAt(i + 1)) >= 0) {
                    i += 2;
                    continue;
                }
                int rangeStart = i;
                int lo = classChar(open);
                if (n - i >= 2 && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
                    i++;
                    int hi = classChar(open);
                    if (hi < lo) {
                        fail(rangeStart, "the range '%s' at position %d is backwards"
                                .formatted(text(rangeStart, i), pos(rangeStart)));
                    }
                }
            }
            i++;
            push(new Node(CLASS));
        }

        private int classChar(int open) {
            if (i >= n) {
                fail(open, "the character class opened at position %d is not closed with ']'"
                        .formatted(pos(open)));
            }
            char c = s.charAt(i);
            if (c == '\\') {
                return escape(true);
            }
            if (c == '[') {
                note(Kind.DIVERGENT, i, ("the '[' at position %d inside a character class is a plain '[' for "
                        + "Alertmanager but starts a nested class in Java; escape it as '\\['")
                        .formatted(pos(i)));
            } else if (c == '&' && i + 1 < n && s.charAt(i + 1) == '&') {
                note(Kind.DIVERGENT, i, ("the '&&' at position %d inside a character class is two plain '&' for "
                        + "Alertmanager but an intersection in Java; escape them as '\\&\\&'")
                        .formatted(pos(i)));
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            return cp;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isOctal(char c) {
            return c >= '0' && c <= '7';
        }

        private static boolean isAlnum(int c) {
            return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
    }
}
