package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of Go 1.19's {@code regexp/syntax} (the toolchain of Alertmanager 0.25.0) that RE2/J does not make:
 * the nesting limit of 1000, the limit of 1000 on the product of nested repetition counts, the size limit of
 * 3,355,443 instructions ({@code maxSize}), the refusal of {@code (?<name>...)}, which Go knows only since 1.22,
 * and of an escaped non-ASCII character such as {@code \é}, which RE2/J reads as the character. Made on the anchored {@code ^(?:value)$} before RE2/J compiles it, which also keeps RE2/J from building a
 * huge program or recursing deeper than the nesting limit.
 *
 * <p>Only the parse tree's shape is followed here (groups, alternations, repetitions, atoms); the syntax itself is
 * RE2/J's to check: for a text that is not a valid expression this returns {@code null} or any issue, and RE2/J
 * then refuses it. Go's factoring of alternations is not reproduced, so heights and sizes are upper bounds there.
 * Iterative: no input can overflow the stack.
 */
final class Re2Limits {

    static final int MAX_REPEAT = 1000;
    static final int MAX_HEIGHT = 1000;
    /** Go's {@code maxSize}: 128 MiB of 40-byte instructions. */
    static final long MAX_SIZE = (128L << 20) / 40;

    private static final long BIG = 1L << 40;

    /** Which limit. */
    enum Kind { TOO_DEEP, TOO_LARGE, REPEAT_PRODUCT, ANGLE_NAME, LOOKBEHIND, NON_ASCII_ESCAPE, UNEXPECTED_PAREN }

    /** A limit exceeded, {@code index} being a position in the value, {@code text} the part concerned. */
    record Issue(Kind kind, int index, String text) {}

    /** A node of the parse tree, reduced to what the limits need (Go's calcHeight, calcSize, repeatIsValid). */
    private record Node(boolean literal, boolean concat, boolean alternate, long size, int height, long product,
            List<Node> subs) {
        static Node leaf(boolean literal) {
            return new Node(literal, false, false, 1, 1, 1, List.of());
        }
    }

    /** An open group: its finished alternatives and the concatenation being read. */
    private static final class Frame {
        final boolean capture;
        final List<Node> alternatives = new ArrayList<>();
        List<Node> items = new ArrayList<>();

        Frame(boolean capture) {
            this.capture = capture;
        }
    }

    private Re2Limits() {}

    /** The first limit that the anchored value exceeds, or {@code null}. */
    static Issue check(String value) {
        return scan(value, new ArrayList<>());
    }

    /**
     * The value as RE2/J should compile it: without the names of {@code (?P<name>...)} groups, which change no match
     * but which RE2/J refuses to see twice, where Go 1.19 accepts {@code (?P<n>a)(?P<n>b)}.
     */
    static String forRe2j(String value) {
        List<int[]> names = new ArrayList<>();
        scan(value, names);
        if (names.isEmpty()) {
            return value;
        }
        StringBuilder plain = new StringBuilder(value.length());
        int from = 0;
        for (int[] name : names) {
            plain.append(value, from, name[0]);
            from = name[1];
        }
        return plain.append(value, from, value.length()).toString();
    }

    /** Walks the value; adds the ranges {@code ?P<name>} of valid group names to {@code names}. */
    private static Issue scan(String value, List<int[]> names) {
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(false));
        int n = value.length();
        int i = 0;
        while (i < n) {
            Frame top = stack.get(stack.size() - 1);
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char e = value.charAt(i + 1);
                    if (e > 0x7F) {
                        // Go refuses to escape a non-ASCII character; RE2/J takes it literally
                        return new Issue(Kind.NON_ASCII_ESCAPE, i,
                                value.substring(i, i + 1 + Character.charCount(value.codePointAt(i + 1))));
                    }
                    if (e == 'Q') {
                        int end = value.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        for (int k = i + 2; k < stop; k += Character.charCount(value.codePointAt(k))) {
                            addLiteral(top);
                        }
                        i = end < 0 ? n : end + 2;
                        continue;
                    }
                    int next = i + 2;
                    if ((e == 'p' || e == 'P' || e == 'x') && next < n && value.charAt(next) == '{') {
                        int close = value.indexOf('}', next);
                        if (close < 0) {
                            return null;
                        }
                        next = close + 1;
                    } else if (e == 'p' || e == 'P') {
                        next = next < n ? next + Character.charCount(value.codePointAt(next)) : next;
                    } else if (e == 'x') {
                        next = Math.min(n, next + 2);
                    } else if (e >= '0' && e <= '7') {
                        for (int k = 0; k < 2 && next < n && value.charAt(next) >= '0' && value.charAt(next) <= '7'; k++) {
                            next++;
                        }
                    } else if (Character.isHighSurrogate(e) && next < n) {
                        next++;
                    }
                    boolean literal = "pPdDsSwWbBAz".indexOf(e) < 0;
                    if (literal) {
                        addLiteral(top);
                    } else {
                        top.items.add(Node.leaf(false));
                    }
                    i = next;
                    continue;
                }
                case '[' -> {
                    int close = classEnd(value, i);
                    if (close < 0) {
                        return null;
                    }
                    top.items.add(Node.leaf(false));
                    i = close + 1;
                    continue;
                }
                case '(' -> {
                    if (i + 1 < n && value.charAt(i + 1) == '?') {
                        int p = i + 2;
                        if (p < n && value.charAt(p) == '<') {
                            // RE2/J reads (?<= and (?<! as a bad group name; Go as what they are
                            boolean behind = p + 1 < n && (value.charAt(p + 1) == '=' || value.charAt(p + 1) == '!');
                            return behind ? new Issue(Kind.LOOKBEHIND, i, value.substring(i, p + 2))
                                    : new Issue(Kind.ANGLE_NAME, i, "(?<");
                        }
                        if (p < n && value.charAt(p) == 'P') {
                            int close = value.indexOf('>', p);
                            if (close < 0) {
                                return null;
                            }
                            if (p + 1 < n && value.charAt(p + 1) == '<' && close > p + 2
                                    && value.substring(p + 2, close).chars().allMatch(ch -> ch == '_'
                                    || ch < 0x80 && Character.isLetterOrDigit(ch))) {
                                names.add(new int[] {i + 1, close + 1});
                            }
                            stack.add(new Frame(true));
                            i = close + 1;
                            continue;
                        }
                        while (p < n && (Character.isLetter(value.charAt(p)) || value.charAt(p) == '-')) {
                            p++;
                        }
                        if (p >= n) {
                            return null;
                        }
                        if (value.charAt(p) == ':') {
                            stack.add(new Frame(false));
                        } else if (value.charAt(p) != ')') {
                            return null;
                        }
                        i = p + 1;
                        continue;
                    }
                    stack.add(new Frame(true));
                }
                case ')' -> {
                    if (stack.size() == 1) {
                        return new Issue(Kind.UNEXPECTED_PAREN, i, ")");
                    }
                    stack.remove(stack.size() - 1);
                    Node group = finish(top);
                    if (top.capture) {
                        group = wrap(group, 2);
                    }
                    stack.get(stack.size() - 1).items.add(group);
                }
                case '|' -> {
                    top.alternatives.add(concat(top.items));
                    top.items = new ArrayList<>();
                }
                case '*', '+', '?' -> {
                    if (!repeatLast(top, c == '*' ? 2 : 1)) {
                        return null;
                    }
                    i += i + 1 < n && value.charAt(i + 1) == '?' ? 2 : 1;
                    continue;
                }
                case '{' -> {
                    int[] repeat = repeat(value, i);
                    if (repeat == null) {
                        addLiteral(top);
                        break;
                    }
                    int min = repeat[0];
                    int max = repeat[1];
                    if (min > MAX_REPEAT || max > MAX_REPEAT || max >= 0 && max < min || top.items.isEmpty()) {
                        return null; // RE2/J's to report
                    }
                    Node sub = splitLast(top);
                    long size = max < 0 ? (min == 0 ? 2 + sub.size() : 1 + min * sub.size())
                            : max * sub.size() + (max - min);
                    int m = max < 0 ? min : max;
                    long product = m == 0 ? 0 : Math.min(BIG, m * sub.product());
                    Node node = new Node(false, false, false, Math.min(BIG, Math.max(1, size)), sub.height() + 1,
                            product, List.of());
                    if ((min >= 2 || max >= 2) && product > MAX_REPEAT) {
                        return new Issue(Kind.REPEAT_PRODUCT, i, value.substring(i, repeat[2]));
                    }
                    if (node.size() > MAX_SIZE) {
                        return new Issue(Kind.TOO_LARGE, i, value.substring(i, repeat[2]));
                    }
                    top.items.add(node);
                    i = repeat[2];
                    i += i < n && value.charAt(i) == '?' ? 1 : 0;
                    continue;
                }
                case '.', '^', '$' -> top.items.add(Node.leaf(false));
                default -> addLiteral(top);
            }
            i += Character.isHighSurrogate(c) && i + 1 < n ? 2 : 1;
        }
        if (stack.size() != 1) {
            return null;
        }
        Node root = finish(stack.get(0));
        // anchored: ^(?:value)$ is the concatenation of ^, the value (flattened) and $
        int height = root.concat() ? root.height() : root.height() + 1;
        if (height > MAX_HEIGHT) {
            return new Issue(Kind.TOO_DEEP, 0, value);
        }
        if (root.size() + 2 > MAX_SIZE) {
            return new Issue(Kind.TOO_LARGE, 0, value);
        }
        return null;
    }

    private static void addLiteral(Frame top) {
        int last = top.items.size() - 1;
        if (last >= 0 && top.items.get(last).literal()) {
            Node literal = top.items.get(last);
            top.items.set(last, new Node(true, false, false, literal.size() + 1, 1, 1, List.of()));
        } else {
            top.items.add(Node.leaf(true));
        }
    }

    /** Takes the last item off, the last rune of a literal string only (a repetition applies to that rune). */
    private static Node splitLast(Frame top) {
        int last = top.items.size() - 1;
        Node node = top.items.get(last);
        if (node.literal() && node.size() > 1) {
            top.items.set(last, new Node(true, false, false, node.size() - 1, 1, 1, List.of()));
            return Node.leaf(false);
        }
        return top.items.remove(last);
    }

    /** Applies {@code *} (Go's size: 2 + the operand's), {@code +} or {@code ?} (1 + the operand's). */
    private static boolean repeatLast(Frame top, int extra) {
        if (top.items.isEmpty()) {
            return false;
        }
        top.items.add(wrap(splitLast(top), extra));
        return true;
    }

    private static Node wrap(Node sub, long extra) {
        return new Node(false, false, false, Math.min(BIG, sub.size() + extra), sub.height() + 1, sub.product(),
                List.of());
    }

    private static Node finish(Frame frame) {
        List<Node> alternatives = new ArrayList<>(frame.alternatives);
        alternatives.add(concat(frame.items));
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        List<Node> flat = new ArrayList<>();
        for (Node alternative : alternatives) {
            flat.addAll(alternative.alternate() ? alternative.subs() : List.of(alternative));
        }
        return combine(flat, false, flat.size() - 1);
    }

    private static Node concat(List<Node> items) {
        if (items.isEmpty()) {
            return Node.leaf(false);
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        List<Node> flat = new ArrayList<>();
        for (Node item : items) {
            flat.addAll(item.concat() ? item.subs() : List.of(item));
        }
        return combine(flat, true, 0);
    }

    private static Node combine(List<Node> subs, boolean concat, long extra) {
        long size = extra;
        int height = 0;
        long product = 0;
        for (Node sub : subs) {
            size = Math.min(BIG, size + sub.size());
            height = Math.max(height, sub.height());
            product = Math.max(product, sub.product());
        }
        return new Node(false, concat, !concat, size, height + 1, product, List.copyOf(subs));
    }

    /** Where the character class opened at {@code open} ends (its {@code ]}), or -1. */
    private static int classEnd(String value, int open) {
        int n = value.length();
        int p = open + 1;
        if (p < n && value.charAt(p) == '^') {
            p++;
        }
        if (p < n && value.charAt(p) == ']') {
            p++;
        }
        while (p < n) {
            char c = value.charAt(p);
            if (c == ']') {
                return p;
            }
            if (c == '\\') {
                p += 2;
            } else if (c == '[' && p + 1 < n && value.charAt(p + 1) == ':') {
                int close = value.indexOf(":]", p + 2);
                p = close < 0 ? p + 1 : close + 2;
            } else {
                p++;
            }
        }
        return -1;
    }

    /** Go's parseRepeat at {@code open}: {min, max (-1: none), end} or {@code null} when {@code {} is a literal. */
    private static int[] repeat(String value, int open) {
        int n = value.length();
        int p = open + 1;
        int[] min = number(value, p);
        if (min == null) {
            return null;
        }
        p = min[1];
        int max = min[0];
        if (p < n && value.charAt(p) == ',') {
            p++;
            if (p < n && value.charAt(p) == '}') {
                max = -1;
            } else {
                int[] upper = number(value, p);
                if (upper == null) {
                    return null;
                }
                max = upper[0];
                p = upper[1];
            }
        }
        if (p >= n || value.charAt(p) != '}') {
            return null;
        }
        return new int[] {min[0], max, p + 1};
    }

    /** Go's parseInt: digits without a leading zero, {value (capped), end}, or {@code null}. */
    private static int[] number(String value, int start) {
        int p = start;
        while (p < value.length() && value.charAt(p) >= '0' && value.charAt(p) <= '9') {
            p++;
        }
        if (p == start || p - start >= 2 && value.charAt(start) == '0') {
            return null;
        }
        String digits = value.substring(start, p);
        return new int[] {digits.length() > 8 ? Integer.MAX_VALUE : Integer.parseInt(digits), p};
    }
}
